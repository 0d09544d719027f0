package io.duplex.servlet;

import com.google.gson.JsonObject;

/**
 * A page's streaming reverse loop on a thread: posts {@code /reverse} with its ack, applies each
 * delivery, and reconnects at once when the stream closes, breaks, or shows a gap, as the engine
 * does (see {@link HeldConnectionLoop}). A long poll's answer is one such line, so it serves long
 * poll too.
 */
public final class PageLoop extends HeldConnectionLoop {
  private volatile ReverseStream current;

  public PageLoop(DuplexTestClient page) {
    super(page, "page-loop");
    start();
  }

  @Override
  void connect(DuplexTestClient page, long conn) {
    try (ReverseStream stream = page.openStream(conn)) {
      current = stream;
      opened();
      if (stream.response().statusCode() == 410) {
        // The page's session is gone; the engine would start a new one, which no test expects.
        stop("410 SESSION_UNKNOWN");
        return;
      }
      JsonObject line;
      while (!stopped() && (line = stream.next()) != null && follow(line, () -> {})) {
        // each line applied by follow
      }
    }
  }

  @Override
  void abandon() {
    ReverseStream stream = current;
    if (stream != null) {
      stream.close();
    }
  }
}

package io.duplex.servlet;

import com.google.gson.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A page's streaming reverse loop on a thread: posts {@code /reverse} with its ack, numbered like
 * the engine's requests, applies each delivery with {@link PageState}, and reconnects at once when
 * the stream closes, breaks, or shows a gap, as the engine does. A long poll's answer is one such
 * line, so it serves long poll too.
 */
public final class PageLoop implements DeliveryLoop {
  private final DuplexTestClient page;
  private final PageState state = new PageState();
  private final AtomicInteger connections = new AtomicInteger();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile String stoppedBecause;
  private volatile ReverseStream current;
  /** Numbers the loop's requests, as the engine does. */
  private long conn;

  public PageLoop(DuplexTestClient page) {
    this.page = page;
    this.thread = new Thread(this::run, "page-loop");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (!stopped) {
      page.ack(state.lastSeq());
      try (ReverseStream stream = page.openStream(++conn)) {
        current = stream;
        connections.incrementAndGet();
        if (stream.response().statusCode() == 410) {
          // The page's session is gone; the engine would start a new one, which no test expects.
          stop("410 SESSION_UNKNOWN");
          break;
        }
        JsonObject line;
        while (!stopped && (line = stream.next()) != null) {
          if (line.has("reverse") && !state.apply(line.getAsJsonObject("reverse"))) {
            break;
          }
          if (line.has("close")) {
            String close = line.get("close").getAsString();
            if (close.equals("replaced") || close.equals("ended")) {
              stop("close: " + close);
            }
            break;
          }
        }
      } catch (RuntimeException | AssertionError broken) {
        // the connection broke or went quiet: reconnect, as the engine does after a backoff
      }
    }
  }

  @Override
  public PageState state() {
    return state;
  }

  private void stop(String reason) {
    stoppedBecause = reason;
    stopped = true;
  }

  @Override
  public String stoppedBecause() {
    return stoppedBecause;
  }

  /** How many /reverse requests the loop has made. */
  @Override
  public int connections() {
    return connections.get();
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    ReverseStream stream = current;
    if (stream != null) {
      stream.close();
    }
    thread.join(10_000);
  }
}

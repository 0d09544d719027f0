package io.duplex.servlet;

import com.google.gson.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A page's streaming reverse loop on a thread: posts {@code /reverse} with its ack, applies each
 * delivery with {@link PageState}, and reconnects at once when the stream closes, breaks, or shows
 * a gap, as the engine does.
 */
public final class PageLoop implements AutoCloseable {
  private final DuplexTestClient page;
  private final PageState state = new PageState();
  private final AtomicInteger connections = new AtomicInteger();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile ReverseStream current;

  public PageLoop(DuplexTestClient page) {
    this.page = page;
    this.thread = new Thread(this::run, "page-loop");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (!stopped) {
      page.ack(state.lastSeq());
      try (ReverseStream stream = page.openStream()) {
        current = stream;
        connections.incrementAndGet();
        JsonObject line;
        while (!stopped && (line = stream.next()) != null) {
          if (line.has("reverse") && !state.apply(line.getAsJsonObject("reverse"))) {
            break;
          }
          if (line.has("close")) {
            if (line.get("close").getAsString().equals("replaced") || line.get("close").getAsString().equals("ended")) {
              stopped = true;
            }
            break;
          }
        }
      } catch (RuntimeException | AssertionError broken) {
        // the connection broke or went quiet: reconnect, as the engine does after a backoff
      }
    }
  }

  public PageState state() {
    return state;
  }

  /** How many /reverse requests the loop has made. */
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

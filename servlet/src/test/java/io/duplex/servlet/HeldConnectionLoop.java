package io.duplex.servlet;

import com.google.gson.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A page's loop over one held connection at a time, on a thread, as the engine runs it: each
 * connection is opened with {@code ack = lastSeq} and numbered like the engine's requests, each
 * delivery is applied with {@link PageState}, and a new connection is opened at once when one
 * closes, breaks, or shows a gap. Subclasses say how one connection is opened and read.
 */
public abstract class HeldConnectionLoop implements DeliveryLoop {
  private final DuplexTestClient page;
  private final PageState state = new PageState();
  private final AtomicInteger connections = new AtomicInteger();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile String stoppedBecause;
  /** Numbers the loop's connections, as the engine does. */
  private long conn;

  HeldConnectionLoop(DuplexTestClient page, String threadName) {
    this.page = page;
    this.thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
  }

  /** Starts the thread; called by the subclass once its own fields are set. */
  final void start() {
    thread.start();
  }

  private void run() {
    while (!stopped) {
      page.ack(state.lastSeq());
      try {
        connect(page, ++conn);
      } catch (RuntimeException | AssertionError broken) {
        // the connection broke or went quiet: a new one, as the engine opens after a backoff
      }
    }
  }

  /**
   * Opens connection number {@code conn} of {@code page} and reads it until it is done with (see
   * {@link #follow}) or {@link #stopped()}; calls {@link #opened} once it is open.
   */
  abstract void connect(DuplexTestClient page, long conn);

  /** Counts a connection. */
  final void opened() {
    connections.incrementAndGet();
  }

  /**
   * Applies one line of a connection.
   *
   * @param acknowledge run after a delivery was applied (a socket acks on itself)
   * @return false when this connection is done with: it closed or showed a gap
   */
  final boolean follow(JsonObject line, Runnable acknowledge) {
    if (line.has("reverse")) {
      if (!state.apply(line.getAsJsonObject("reverse"))) {
        return false;
      }
      acknowledge.run();
    }
    if (line.has("close")) {
      String close = line.get("close").getAsString();
      if (close.equals("replaced") || close.equals("ended")) {
        stop("close: " + close);
      }
      return false;
    }
    return true;
  }

  final boolean stopped() {
    return stopped;
  }

  final void stop(String reason) {
    stoppedBecause = reason;
    stopped = true;
  }

  @Override
  public final PageState state() {
    return state;
  }

  @Override
  public final String stoppedBecause() {
    return stoppedBecause;
  }

  @Override
  public final int connections() {
    return connections.get();
  }

  /** Abandons the connection in flight, if any. */
  abstract void abandon();

  @Override
  public final void close() throws InterruptedException {
    stopped = true;
    abandon();
    thread.join(10_000);
  }
}

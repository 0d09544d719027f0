package io.duplex.servlet;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A page's WebSocket loop on a thread, as the engine runs it: opens the socket with its ack,
 * applies each delivery with {@link PageState} and acknowledges it on the socket, and opens a new
 * socket at once when one closes, breaks, or shows a gap.
 */
public final class SocketLoop implements DeliveryLoop {
  /**
   * Silence after which the socket counts as dead, as the engine's watchdog (two heartbeats and a
   * second): a connection cut by a proxy is not always reported at once by the JDK's client.
   */
  private final Duration silence;
  private final DuplexTestClient page;
  private final PageState state = new PageState();
  private final AtomicInteger connections = new AtomicInteger();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile String stoppedBecause;
  private volatile TestSocket current;
  private long conn;

  /** @param heartbeatMillis the server's heartbeat period */
  public SocketLoop(DuplexTestClient page, long heartbeatMillis) {
    this.page = page;
    this.silence = Duration.ofMillis(2 * heartbeatMillis + 1_000);
    this.thread = new Thread(this::run, "socket-loop");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (!stopped) {
      page.ack(state.lastSeq());
      try (TestSocket socket = TestSocket.connect(page)) {
        current = socket;
        connections.incrementAndGet();
        socket.open(++conn);
        JsonObject line;
        while (!stopped && (line = socket.next(silence)) != null) {
          if (line.has("error")) {
            String code = line.getAsJsonObject("error").get("code").getAsString();
            stop(code.equals("SESSION_UNKNOWN") ? "410 SESSION_UNKNOWN" : code);
            break;
          }
          if (line.has("reverse")) {
            if (!state.apply(line.getAsJsonObject("reverse"))) {
              break;
            }
            socket.ack(state.lastSeq());
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
        // the socket broke or went quiet: open a new one, as the engine does after a backoff
      }
    }
  }

  private void stop(String reason) {
    stoppedBecause = reason;
    stopped = true;
  }

  @Override
  public PageState state() {
    return state;
  }

  @Override
  public int connections() {
    return connections.get();
  }

  @Override
  public String stoppedBecause() {
    return stoppedBecause;
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    TestSocket socket = current;
    if (socket != null) {
      socket.abort();
    }
    thread.join(10_000);
  }
}

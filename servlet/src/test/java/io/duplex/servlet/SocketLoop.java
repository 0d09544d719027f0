package io.duplex.servlet;

import com.google.gson.JsonObject;
import java.time.Duration;

/**
 * A page's WebSocket loop on a thread, as the engine runs it: opens the socket with its ack,
 * applies each delivery and acknowledges it on the socket, and opens a new socket at once when one
 * closes, breaks, or shows a gap (see {@link HeldConnectionLoop}).
 */
public final class SocketLoop extends HeldConnectionLoop {
  /**
   * Silence after which the socket counts as dead, as the engine's watchdog (two heartbeats and a
   * second): a connection cut by a proxy is not always reported at once by the JDK's client.
   */
  private final Duration silence;
  private volatile TestSocket current;

  /** @param heartbeatMillis the server's heartbeat period */
  public SocketLoop(DuplexTestClient page, long heartbeatMillis) {
    super(page, "socket-loop");
    this.silence = Duration.ofMillis(2 * heartbeatMillis + 1_000);
    start();
  }

  @Override
  void connect(DuplexTestClient page, long conn) {
    try (TestSocket socket = TestSocket.connect(page)) {
      current = socket;
      opened();
      socket.open(conn);
      JsonObject line;
      while (!stopped() && (line = socket.next(silence)) != null) {
        if (line.has("error")) {
          String code = line.getAsJsonObject("error").get("code").getAsString();
          stop(code.equals("SESSION_UNKNOWN") ? "410 SESSION_UNKNOWN" : code);
          return;
        }
        if (!follow(line, () -> socket.ack(state().lastSeq()))) {
          return;
        }
      }
    }
  }

  @Override
  void abandon() {
    TestSocket socket = current;
    if (socket != null) {
      socket.abort();
    }
  }
}

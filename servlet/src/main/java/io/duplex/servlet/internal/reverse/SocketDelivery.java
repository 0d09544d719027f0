package io.duplex.servlet.internal.reverse;

import io.duplex.internal.protocol.ResponseBuffer;
import java.util.function.Consumer;

/**
 * A page's WebSocket as its held connection: the lines of a stream (open, deliveries, heartbeats,
 * close) written as messages, and call results and refusals written among them.
 */
public final class SocketDelivery {
  private final HeldConnection connection;

  SocketDelivery(HeldConnection connection) {
    this.connection = connection;
  }

  /**
   * Writes {@code lines} after what is pending; false when the socket is ending.
   *
   * @param lines appends whole lines to the buffer it is given
   */
  public boolean send(Consumer<ResponseBuffer> lines) {
    return connection.append(lines);
  }

  /** Bytes waiting to be sent: grows only while the page does not read its results. */
  public int backlog() {
    return connection.backlog();
  }

  /** A call frame starts: if its session ends meanwhile, the socket closes after its results. */
  public void busy() {
    connection.busy();
  }

  /** A call frame's results were sent (or it was refused). */
  public void idle() {
    connection.idle();
  }

  /** Ends the socket as for an ended session: the close line, then the close frame. */
  public void end() {
    connection.closeWith(HeldConnection.Reason.ENDED);
  }

  /** The socket closed or failed: the page's slot and held state are given back. */
  public void lost() {
    connection.lost();
  }
}

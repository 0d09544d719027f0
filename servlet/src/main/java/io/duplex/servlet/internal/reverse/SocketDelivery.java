package io.duplex.servlet.internal.reverse;

import io.duplex.internal.protocol.ResponseBuffer;
import java.util.function.Consumer;

/**
 * A page's WebSocket as its held connection: the lines of a stream (open, deliveries, heartbeats,
 * close) written as messages, and call results and refusals written among them.
 */
public final class SocketDelivery {
  private final HeldConnection connection;
  private final ReverseHandler reverse;
  private final jakarta.servlet.http.HttpSession http;

  SocketDelivery(HeldConnection connection, ReverseHandler reverse, jakarta.servlet.http.HttpSession http) {
    this.connection = connection;
    this.reverse = reverse;
    this.http = http;
  }

  /**
   * A {@code join} frame: the socket carries another tab's page from its {@code ack} on; a page
   * that fails the session checks is told with a line tagged with its id.
   *
   * @param page the frame
   * @throws io.duplex.internal.protocol.ProtocolException when the socket carries as many pages as
   *     one browser may have, or sharing is off
   */
  public void join(io.duplex.internal.protocol.AckRequest page) {
    reverse.join(connection, page, http, connection.carriedCount());
  }

  /**
   * A {@code leave} frame: the socket stops carrying that page.
   *
   * @param session the page's session id
   */
  public void leave(String session) {
    connection.leave(session);
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

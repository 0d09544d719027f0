package io.duplex.servlet.internal.reverse;

import io.duplex.internal.protocol.ReverseRequest;
import io.duplex.internal.reverse.ScriptSessionImpl;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;

/**
 * Opens a page's WebSocket as its held connection. The only place of this package, with {@link
 * SocketSink}, that names the WebSocket API: both are loaded in websocket mode only, so a container
 * without the API runs every other mode (ReverseHandler itself is loaded in every mode).
 */
public final class SocketOpening {
  private SocketOpening() {}

  /**
   * @param reverse the servlet's reverse delivery
   * @param open the socket's checked open frame
   * @param session its page
   * @param http the upgrade request's HTTP session, against which carried pages are checked
   * @param socket the socket
   * @return the delivery, or null when the browser holds its cap of connections: the socket was
   *     then answered with what is queued and {@code "advice":"poll"}, and closed
   * @throws IOException when the first write fails
   */
  public static SocketDelivery open(ReverseHandler reverse, ReverseRequest open, ScriptSessionImpl session,
      jakarta.servlet.http.HttpSession http, Session socket) throws IOException {
    return reverse.openSocket(open, session, http, new SocketSink(socket), refusal ->
        socket.getAsyncRemote().sendText(refusal, result ->
            SocketSink.close(socket, new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "poll"))));
  }
}

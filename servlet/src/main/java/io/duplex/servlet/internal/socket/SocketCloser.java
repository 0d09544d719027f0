package io.duplex.servlet.internal.socket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes a WebSocket with a close frame, once; a socket already gone is left alone. */
public final class SocketCloser {
  private static final Logger LOG = LoggerFactory.getLogger(SocketCloser.class);

  private SocketCloser() {}

  public static void close(Session socket, CloseReason reason) {
    try {
      if (socket.isOpen()) {
        socket.close(reason);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("Could not close a WebSocket", e);
    }
  }
}

package io.duplex.servlet.internal.reverse;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket as a held connection's sink: each write is one text message (one or more protocol
 * lines), sent with the async remote endpoint; the next waits until the container reports the
 * last one sent. So a page that stops reading holds one message in flight here, and the rest
 * waits (bounded) in its queue, as for a stream.
 */
final class SocketSink implements Sink, SendHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SocketSink.class);

  private final Session socket;
  private final RemoteEndpoint.Async remote;
  private HeldConnection connection;
  private volatile boolean inFlight;
  /** Set while this sink's own thread is inside sendText, whose handler may run on that thread. */
  private volatile boolean sending;
  /**
   * Set once a send failed or this sink closed the socket. Not {@code socket.isOpen()}, which takes
   * the container's session-state lock (Jetty) on every check, three times per delivery; a socket
   * the page closed fails the next send (its handler, or an IllegalStateException, ends the
   * connection) and its onClose ends the connection as well.
   */
  private volatile boolean closed;

  SocketSink(Session socket) {
    this.socket = socket;
    this.remote = socket.getAsyncRemote();
  }

  @Override
  public void attach(HeldConnection connection) {
    this.connection = connection;
  }

  @Override
  public boolean isReady() {
    return !inFlight && !closed;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    inFlight = true;
    sending = true;
    try {
      // This sink is the handler: no handler object per message.
      remote.sendText(new String(bytes, offset, length, StandardCharsets.UTF_8), this);
    } finally {
      sending = false;
    }
  }

  @Override
  public void onResult(SendResult result) {
    inFlight = false;
    if (!result.isOK()) {
      closed = true;
      connection.onError(result.getException());
    } else if (!sending) {
      // Sent from another thread: the writer's loop has returned, so it must be pumped again. When
      // sending is still set, that loop sees inFlight cleared and goes on by itself. The container's
      // thread writes what is queued next itself, unless another thread holds the connection: then
      // that holder writes it before it lets go, and this thread does not wait.
      connection.pumpNow();
    }
  }

  @Override
  public void flush() {}

  @Override
  public void complete(HeldConnection.Reason reason) {
    closed = true;
    close(socket, reason == HeldConnection.Reason.SHUTDOWN
        ? new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server stopping")
        : new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, reason == null ? "" : reason.name().toLowerCase(java.util.Locale.ROOT)));
  }

  static void close(Session socket, CloseReason reason) {
    io.duplex.servlet.internal.socket.SocketCloser.close(socket, reason);
  }
}

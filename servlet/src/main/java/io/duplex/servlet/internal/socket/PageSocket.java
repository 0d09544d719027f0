package io.duplex.servlet.internal.socket;

import io.duplex.internal.protocol.AckRequest;
import io.duplex.internal.protocol.CallBatchRequest;
import io.duplex.internal.protocol.CallOutcome;
import io.duplex.internal.protocol.ErrorCode;
import io.duplex.internal.protocol.ErrorInfo;
import io.duplex.internal.protocol.Incident;
import io.duplex.internal.protocol.ProtocolException;
import io.duplex.internal.protocol.RequestBody;
import io.duplex.internal.protocol.RequestParser;
import io.duplex.internal.protocol.ResponseBuffer;
import io.duplex.internal.protocol.ResponseWriter;
import io.duplex.internal.protocol.ReverseRequest;
import io.duplex.internal.protocol.SocketFrame;
import io.duplex.internal.reverse.ScriptSessionImpl;
import io.duplex.servlet.internal.call.CallHandler;
import io.duplex.servlet.internal.reverse.SocketDelivery;
import io.duplex.servlet.internal.security.SessionGuard;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One page's WebSocket (protocol section 4.6). Its first frame ({@code op: open}) passes the checks
 * of a {@code /reverse} request against the upgrade request's HTTP session, then the socket becomes
 * the page's held connection; later frames run batches and take acknowledgements, each checked
 * the same way. A frame is at most maxBodyBytes (counted here, so a refusal is an answer, not a
 * dropped socket). Frames are handled in order on the container's thread for this socket.
 */
public final class PageSocket extends Endpoint implements MessageHandler.Partial<String> {
  private static final Logger LOG = LoggerFactory.getLogger(PageSocket.class);
  /** Close code for a refused open frame (a policy violation, RFC 6455); the reason names the code. */
  static final CloseReason.CloseCode REFUSED = CloseReason.CloseCodes.VIOLATED_POLICY;

  private final Sockets sockets;
  private final HttpSession http;
  private final Principal user;
  private final Set<String> roles;

  private Session socket;
  // Touched only by the container's thread for this socket's messages.
  private final StringBuilder frame = new StringBuilder();
  private boolean tooLarge;
  private long tooLargeNumber;
  private volatile SocketDelivery delivery;
  /** Call frames whose results are not sent yet (methods returning futures may keep them open). */
  private final java.util.concurrent.atomic.AtomicInteger callsInFlight = new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean refused;
  /** Held from the upgrade until the open frame was handled, the socket ended or its deadline passed. */
  private final UnopenedSockets.Slot unopened;
  /** The open deadline passed before the container opened the socket. */
  private volatile boolean expired;

  PageSocket(Sockets sockets, HttpSession http, Principal user, Set<String> roles, UnopenedSockets.Slot unopened) {
    this.sockets = sockets;
    this.http = http;
    this.user = user;
    this.roles = roles;
    this.unopened = unopened;
  }

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    this.socket = session;
    // Until the open frame: a silent socket is closed by the container, any other by openDeadline.
    session.setMaxIdleTimeout(sockets.openTimeoutMillis());
    session.addMessageHandler(String.class, this);
    if (expired) {
      SocketCloser.close(session, OPEN_TIMED_OUT);
    }
  }

  private static final CloseReason OPEN_TIMED_OUT = new CloseReason(REFUSED, ErrorCode.REQUEST_TIMEOUT.name());

  /**
   * firstContactTimeoutMillis after the upgrade: a socket that has not sent its open frame by then
   * is closed 1008 REQUEST_TIMEOUT, and its slot freed, whatever else it sent meanwhile.
   */
  void openDeadline() {
    if (!unopened.release()) {
      return;
    }
    sockets.refusals().count(ErrorCode.REQUEST_TIMEOUT);
    expired = true;
    Session open = socket;
    if (open != null) {
      SocketCloser.close(open, OPEN_TIMED_OUT);
    }
  }

  @Override
  public void onMessage(String part, boolean last) {
    int max = sockets.maxFrameBytes();
    String text;
    if (last && !tooLarge && frame.length() == 0 && part.length() <= max) {
      // A frame in one part (acks, most calls): used as it is, not copied through the builder.
      text = part;
    } else {
      if (!tooLarge) {
        if (frame.length() + part.length() > max) {
          // A UTF-8 byte per char at least: more chars than bytes allowed is too large for sure.
          tooLarge = true;
          frame.append(part, 0, Math.min(part.length(), 32));
          tooLargeNumber = SocketFrame.leadingNumber(frame);
          frame.setLength(0);
          frame.trimToSize();
        } else {
          frame.append(part);
        }
      }
      if (!last) {
        return;
      }
      if (tooLarge) {
        tooLarge = false;
        refuse(tooLargeNumber, tooLargeError(max));
        return;
      }
      text = frame.toString();
      frame.setLength(0);
      if (frame.capacity() > 64 * 1024) {
        frame.trimToSize();
      }
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > max) {
      refuse(SocketFrame.leadingNumber(new String(bytes, 0, Math.min(32, bytes.length), StandardCharsets.ISO_8859_1)),
          tooLargeError(max));
      return;
    }
    handle(bytes);
  }

  private static ProtocolException tooLargeError(int max) {
    return new ProtocolException(ErrorCode.PAYLOAD_TOO_LARGE, "The frame is larger than " + max + " bytes");
  }

  private void handle(byte[] bytes) {
    long n = 0;
    try {
      SocketFrame parsed = sockets.parser().frame(RequestBody.Bytes.of(bytes));
      n = parsed.n();
      if (refused) {
        return;
      }
      if (delivery != null && parsed.op().equals(SocketFrame.JOIN)) {
        // Another tab's page: checked by the delivery, which tells that page (not this socket) of a refusal.
        delivery.join((AckRequest) parsed.request());
        return;
      }
      if (delivery != null && parsed.op().equals(SocketFrame.LEAVE)) {
        // Only a page this socket carries (checked when it joined) leaves; its session may have ended.
        delivery.leave(parsed.request().session());
        return;
      }
      SessionGuard.Checked checked = sockets.guard().check(parsed.request(), http);
      if (delivery == null) {
        if (!parsed.op().equals(SocketFrame.OPEN)) {
          throw ProtocolException.malformed("The first frame must be op open");
        }
        open((ReverseRequest) parsed.request(), checked);
        return;
      }
      switch (parsed.op()) {
        case SocketFrame.CALL -> call(n, (CallBatchRequest) parsed.request(), checked);
        case SocketFrame.ACK -> {
          ScriptSessionImpl session = checked.scriptSession();
          AckRequest ack = (AckRequest) parsed.request();
          session.answered(ack.answers());
          session.touch();
          session.queue().acknowledge(ack.ack());
        }
        default -> throw ProtocolException.malformed("The socket is open already");
      }
    } catch (RequestParser.FrameRefusal refusal) {
      refuse(refusal.n(), refusal);
    } catch (ProtocolException refusal) {
      refuse(n, refusal);
    } catch (IOException | RuntimeException | StackOverflowError bug) {
      String incident = Incident.newId();
      LOG.error("Incident {}: a WebSocket frame failed", incident, bug);
      refuse(n, new ErrorInfo(ErrorCode.SERVER_ERROR.name(), "The server failed (incident " + incident + ")",
          null, incident, sockets.debug() ? Incident.detail(bug) : null));
    }
  }

  private void open(ReverseRequest open, SessionGuard.Checked checked) throws IOException {
    if (!unopened.release()) {
      // The deadline passed while this frame was on its way: the socket is closing.
      return;
    }
    SocketDelivery opened =
        io.duplex.servlet.internal.reverse.SocketOpening.open(sockets.reverse(), open, checked.scriptSession(), http, socket);
    if (opened != null) {
      socket.setMaxIdleTimeout(sockets.idleTimeoutMillis());
      delivery = opened;
    }
  }

  /**
   * Over HTTP a pending batch occupies one of the browser's few connections; one socket has no such
   * limit, so without this bound a page could leave any number of batches waiting on futures (each
   * up to asyncCallTimeoutMillis). Beyond it, the frame is refused TOO_MANY_CALLS and the socket
   * serves on (protocol.md 4.6, security.md).
   */
  static final int MAX_CALL_FRAMES_IN_FLIGHT = 16;

  private void call(long n, CallBatchRequest batch, SessionGuard.Checked checked) {
    if (callsInFlight.incrementAndGet() > MAX_CALL_FRAMES_IN_FLIGHT) {
      callsInFlight.decrementAndGet();
      throw new ProtocolException(ErrorCode.TOO_MANY_CALLS,
          "More than " + MAX_CALL_FRAMES_IN_FLIGHT + " call frames of this socket are waiting for their results");
    }
    SocketDelivery out = delivery;
    out.busy();
    java.util.concurrent.CompletableFuture<List<CallOutcome>> outcomes;
    try {
      outcomes = sockets.calls()
          .run(batch, checked.scriptSession(), CallHandler.socketContext(checked, user, roles::contains));
    } catch (RuntimeException refused) {
      callsInFlight.decrementAndGet();
      out.idle();
      throw refused;
    }
    outcomes.thenAccept(done -> {
      try {
        answer(out, n, done);
      } finally {
        callsInFlight.decrementAndGet();
        out.idle();
      }
    });
  }

  private void answer(SocketDelivery out, long n, List<CallOutcome> outcomes) {
    out.send(buffer -> {
      try {
        sockets.writer().socketResults(buffer, n, outcomes);
      } catch (IOException impossible) {
        throw new IllegalStateException("ResponseBuffer does not fail", impossible);
      }
    });
    if (out.backlog() > sockets.maxBacklogBytes()) {
      // The page sends calls and does not read the answers: not held here without bound.
      LOG.debug("Closing a WebSocket whose page does not read ({} bytes unsent)", out.backlog());
      SocketCloser.close(socket, new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "not reading"));
    }
  }

  private void refuse(long n, ProtocolException refusal) {
    sockets.refusals().count(refusal.code());
    refuse(n, new ErrorInfo(refusal.code().name(), refusal.getMessage(), null, null, null));
  }

  /**
   * Answers a refused frame with an error line. Before the socket is open, or when the refusal is
   * about the session (unknown, another's, wrong token), the socket is closed after it: the page
   * must start again over HTTP. Other refusals (of one frame) leave the socket open, as a refused
   * request leaves the server serving.
   */
  private void refuse(long n, ErrorInfo error) {
    ResponseBuffer line = new ResponseBuffer();
    ResponseWriter.socketError(line, n, error);
    SocketDelivery out = delivery;
    boolean sessionLevel = error.code().equals(ErrorCode.SESSION_UNKNOWN.name())
        || error.code().equals(ErrorCode.SESSION_MISMATCH.name())
        || error.code().equals(ErrorCode.CSRF_REJECTED.name());
    if (out != null && !sessionLevel) {
      out.send(buffer -> buffer.writeBytes(line.array(), 0, line.size()));
      return;
    }
    refused = true;
    String text = new String(line.array(), 0, line.size(), StandardCharsets.UTF_8);
    CloseReason close = new CloseReason(REFUSED, error.code());
    if (out != null && out.send(buffer -> buffer.writeBytes(line.array(), 0, line.size()))) {
      // The error line, then the close line and the close frame once they are written.
      out.end();
      return;
    }
    socket.getAsyncRemote().sendText(text, result -> SocketCloser.close(socket, close));
  }

  @Override
  public void onClose(Session session, CloseReason reason) {
    unopened.release();
    SocketDelivery out = delivery;
    if (out != null) {
      out.lost();
    }
  }

  @Override
  public void onError(Session session, Throwable failure) {
    LOG.debug("WebSocket failed", failure);
    unopened.release();
    SocketDelivery out = delivery;
    if (out != null) {
      out.lost();
    }
  }
}

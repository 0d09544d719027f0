package io.duplex.servlet.internal.socket;

import io.duplex.DuplexConfig;
import io.duplex.internal.protocol.Refusals;
import io.duplex.internal.protocol.RequestParser;
import io.duplex.internal.protocol.ResponseWriter;
import io.duplex.servlet.internal.SocketUpgrade;
import io.duplex.servlet.internal.call.CallHandler;
import io.duplex.servlet.internal.reverse.ReverseHandler;
import io.duplex.servlet.internal.security.SessionGuard;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the sockets of one servlet share, and the upgrade: the request (already through the origin
 * check) becomes a WebSocket with {@link ServerContainer#upgradeHttpToWebSocket} (Jakarta
 * WebSocket 2.1), so no endpoint is deployed and none can be reached but through the servlet.
 */
public final class Sockets implements SocketUpgrade {
  /** Beyond the heartbeat, how long a socket may stay silent both ways before the container ends it. */
  private static final long IDLE_MARGIN_MILLIS = 30_000;

  private final ServerContainer container;
  private final DuplexConfig config;
  private final RequestParser parser;
  private final ResponseWriter writer;
  private final SessionGuard guard;
  private final CallHandler calls;
  private final ReverseHandler reverse;
  private final Set<String> declaredRoles;
  /** Refused frames count with refused requests (Duplex.refusals()). */
  private final Refusals refusals;
  /** Sockets before their open frame: bounded in count here, in time by the deadline of each. */
  private final UnopenedSockets unopened;

  public Sockets(
      ServerContainer container,
      DuplexConfig config,
      RequestParser parser,
      ResponseWriter writer,
      SessionGuard guard,
      CallHandler calls,
      ReverseHandler reverse,
      Set<String> declaredRoles,
      Refusals refusals) {
    this.container = container;
    this.config = config;
    this.parser = parser;
    this.writer = writer;
    this.guard = guard;
    this.calls = calls;
    this.reverse = reverse;
    this.declaredRoles = declaredRoles;
    this.refusals = refusals;
    this.unopened = new UnopenedSockets(config.maxUnopenedSockets(), config.maxPagesPerHttpSession());
  }

  /**
   * The container's ServerContainer.
   *
   * @throws IllegalStateException naming the fix when the container has no Jakarta WebSocket
   */
  public static ServerContainer container(ServletContext context) {
    Object container = context.getAttribute(SERVER_CONTAINER);
    if (container instanceof ServerContainer server) {
      return server;
    }
    throw new IllegalStateException(
        "reverseAjax=websocket needs the container's Jakarta WebSocket support, and this context has none"
            + " (no ServletContext attribute " + SERVER_CONTAINER + "). Embedded Jetty 12: add"
            + " jetty-ee10-websocket-jakarta-server and call JakartaWebSocketServletContainerInitializer"
            + ".configure(context, null) before the server starts; Tomcat: keep tomcat-websocket"
            + " (tomcat-embed-websocket) on the class path; or choose another reverseAjax mode.");
  }

  /** Jetty's per-socket setting (its Jakarta layer applies endpoint user properties of this name). */
  private static final String JETTY_INPUT_BUFFER_SIZE = "org.eclipse.jetty.websocket.inputBufferSize";
  private static final int INPUT_BUFFER_BYTES = 1024;

  @Override
  public void upgrade(HttpServletRequest request, HttpServletResponse response) throws IOException {
    // Without an HTTP session, the open frame is refused as any request of another browser is.
    HttpSession http = request.getSession(false);
    // Refused TOO_MANY_SOCKETS before any socket exists (Endpoints answers with Retry-After).
    UnopenedSockets.Slot slot = unopened.take(http == null ? null : http.getId());
    // A socket has no request to ask later: the user's roles among those methods name, asked now.
    Set<String> roles = new HashSet<>();
    for (String role : declaredRoles) {
      if (request.isUserInRole(role)) {
        roles.add(role);
      }
    }
    PageSocket socket = new PageSocket(this, http, request.getUserPrincipal(), Set.copyOf(roles), slot);
    ServerEndpointConfig endpoint =
        ServerEndpointConfig.Builder.create(PageSocket.class, request.getServletPath() + request.getPathInfo())
            .configurator(
                new ServerEndpointConfig.Configurator() {
                  @Override
                  public <T> T getEndpointInstance(Class<T> type) {
                    return type.cast(socket);
                  }
                })
            .build();
    // Jetty reads into, and builds each text message in, a buffer of this size (default 4 KB, a
    // new one per message): most frames (acks, calls) are a few hundred bytes. Other containers
    // ignore the property; larger frames take more reads, still linear.
    endpoint.getUserProperties().put(JETTY_INPUT_BUFFER_SIZE, INPUT_BUFFER_BYTES);
    boolean upgraded = false;
    try {
      container.upgradeHttpToWebSocket(request, response, endpoint, Map.of());
      upgraded = true;
    } catch (DeploymentException e) {
      throw new IOException("The WebSocket upgrade failed: " + e.getMessage(), e);
    } finally {
      if (!upgraded) {
        slot.release();
      }
    }
    // A deadline, not the idle timeout alone: pings or a frame sent a byte at a time keep a socket
    // from being idle, and would keep its slot for ever.
    reverse.later(socket::openDeadline, openTimeoutMillis());
  }

  /** @return sockets upgraded that have not sent their open frame yet */
  int unopened() {
    return unopened.count();
  }

  Refusals refusals() {
    return refusals;
  }

  RequestParser parser() {
    return parser;
  }

  ResponseWriter writer() {
    return writer;
  }

  SessionGuard guard() {
    return guard;
  }

  CallHandler calls() {
    return calls;
  }

  ReverseHandler reverse() {
    return reverse;
  }

  boolean debug() {
    return config.debug();
  }

  int maxFrameBytes() {
    return config.maxBodyBytes();
  }

  /** A page that sends calls and does not read their results holds at most this much here. */
  int maxBacklogBytes() {
    return (int) Math.min(Integer.MAX_VALUE / 2, 4L * config.maxBodyBytes());
  }

  long openTimeoutMillis() {
    return config.firstContactTimeoutMillis();
  }

  long idleTimeoutMillis() {
    return config.heartbeatMillis() + IDLE_MARGIN_MILLIS;
  }

  static Class<? extends Endpoint> type() {
    return PageSocket.class;
  }
}

package io.duplex.servlet.internal;

import io.duplex.DuplexConfig;
import io.duplex.internal.DuplexRuntime;
import io.duplex.internal.protocol.AckRequest;
import io.duplex.internal.protocol.CallBatchRequest;
import io.duplex.internal.protocol.ErrorCode;
import io.duplex.internal.protocol.ErrorInfo;
import io.duplex.internal.protocol.HandshakeRequest;
import io.duplex.internal.protocol.Incident;
import io.duplex.internal.protocol.IncidentLog;
import io.duplex.internal.protocol.ProtocolException;
import io.duplex.internal.protocol.Refusals;
import io.duplex.internal.protocol.RequestBody;
import io.duplex.internal.protocol.RequestParser;
import io.duplex.internal.protocol.ResponseBuffer;
import io.duplex.internal.protocol.ResponseWriter;
import io.duplex.internal.protocol.ReverseRequest;
import io.duplex.internal.protocol.SessionRequest;
import io.duplex.internal.protocol.UnloadRequest;
import io.duplex.internal.reverse.ScriptSessionImpl;
import io.duplex.internal.reverse.ScriptSessionManager;
import io.duplex.servlet.internal.call.CallHandler;
import io.duplex.servlet.internal.debug.DebugPage;
import io.duplex.servlet.internal.reverse.ReverseHandler;
import io.duplex.servlet.internal.script.Scripts;
import io.duplex.servlet.internal.script.TypeScriptTypings;
import io.duplex.servlet.internal.security.HttpSessionStates;
import io.duplex.servlet.internal.security.OriginPolicy;
import io.duplex.servlet.internal.security.SessionGuard;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes requests by path and method, and runs the checks every POST passes (docs/protocol.md
 * section 1) in the protocol's order before any endpoint sees it.
 */
public final class Endpoints implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Endpoints.class);
  private static final IncidentLog INCIDENTS = new IncidentLog(LOG);
  private static final String INTERFACE_PREFIX = "/interface/";
  private static final String TYPES_PREFIX = "/types/";
  private static final String DEBUG = "/debug";
  private static final String DEBUG_PREFIX = "/debug/";

  private final DuplexConfig config;
  private final ScriptSessionManager sessions;
  private final RequestParser parser;
  private final ResponseWriter writer;
  private final OriginPolicy origins;
  private final HttpSessionStates states;
  private final SessionGuard guard;
  private final Scripts scripts;
  private final TypeScriptTypings typings;
  private final CallHandler calls;
  private final ReverseHandler reverse;
  private final BodyReader bodies;
  private final Refusals refusals;
  private final Deployment deployment;
  private final long retryAfterSeconds;
  /** The debug page with {@code debug=true}, else null. */
  private final DebugPage debugPage;
  /** The WebSocket upgrade in websocket mode, else null. */
  private final SocketUpgrade sockets;

  /**
   * @param stateAttribute the HTTP session attribute holding this servlet's per-session state
   * @param deployment the checks of the servlet's deployment that can only run per request
   * @param context the servlet context; needed in websocket mode, for the container's WebSocket support
   * @throws IllegalStateException in websocket mode when the container has no Jakarta WebSocket
   */
  public Endpoints(
      DuplexRuntime runtime, String stateAttribute, Deployment deployment, jakarta.servlet.ServletContext context) {
    this.deployment = deployment;
    this.config = runtime.config();
    this.sessions = runtime.sessions();
    this.refusals = runtime.refusals();
    this.parser = new RequestParser(config.maxJsonDepth(), config.maxStringLength());
    this.writer = new ResponseWriter(runtime.converter()::writeJson, config.debug());
    this.origins = new OriginPolicy(config.allowedOrigins(), config.allowedHosts());
    this.states = new HttpSessionStates(stateAttribute, sessions);
    sessions.addListener(states);
    this.retryAfterSeconds = Math.max(1, (config.firstContactTimeoutMillis() + 999) / 1000);
    this.guard = new SessionGuard(sessions, states);
    this.scripts = new Scripts(runtime.registry());
    this.typings = new TypeScriptTypings(runtime.registry(), runtime.sessions());
    this.calls = new CallHandler(
            runtime.dispatcher(), writer, config.maxCallsPerBatch(), config.asyncCallTimeoutMillis(), config.debug());
    this.reverse = new ReverseHandler(config, guard, runtime.held());
    this.bodies = new BodyReader(config.maxBodyBytes(), config.bodyTimeoutMillis());
    if (config.reverseAjax() == io.duplex.ReverseAjax.WEBSOCKET) {
      if (context == null) {
        reverse.close();
        throw new IllegalStateException("reverseAjax=websocket needs the servlet context");
      }
      try {
        this.sockets = new io.duplex.servlet.internal.socket.Sockets(
            io.duplex.servlet.internal.socket.Sockets.container(context),
            config, parser, writer, guard, calls, reverse, runtime.registry().roles(), refusals);
      } catch (RuntimeException | LinkageError missing) {
        reverse.close();
        if (missing instanceof LinkageError) {
          throw new IllegalStateException(
              "reverseAjax=websocket needs the Jakarta WebSocket API (jakarta.websocket-api 2.1 or later) in the"
                  + " container; it is missing: " + missing, missing);
        }
        throw missing;
      }
    } else {
      this.sockets = null;
    }
    this.debugPage = config.debug() ? new DebugPage(runtime, reverse) : null;
  }

  public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    HttpResponses.common(response);
    try {
      route(request, response);
    } catch (ProtocolException refusal) {
      refused(refusal, request);
      HttpResponses.error(response, refusal);
    } catch (RuntimeException | StackOverflowError bug) {
      String incident = Incident.newId();
      INCIDENTS.log(incident, request.getMethod() + " " + request.getRequestURI() + " failed", bug);
      HttpResponses.error(
          response,
          HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
          new ErrorInfo(
              ErrorCode.SERVER_ERROR.name(),
              "The server failed (incident " + incident + ")",
              null,
              incident,
              config.debug() ? Incident.detail(bug) : null));
    }
  }

  /**
   * Counts a refused request and logs it at DEBUG: code, endpoint, remote address; never the body
   * or headers, which are the client's. Every refusal passes here (or must call it).
   */
  public void refused(ProtocolException refusal, HttpServletRequest request) {
    refusals.count(refusal.code());
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "Refused {} {} from {}: {}",
          request.getMethod(),
          endpoint(request.getPathInfo()),
          request.getRemoteAddr(),
          refusal.code());
    }
  }

  /** The endpoint a path names, never the client's text itself (a log line must stay one line). */
  private static String endpoint(String path) {
    if (path == null) {
      return "(no path)";
    }
    return switch (path) {
      case "/engine.js", "/engine.mjs", "/session", "/call", "/reverse", "/ack", "/unload", "/ws" -> path;
      default -> path.startsWith(INTERFACE_PREFIX) ? INTERFACE_PREFIX + "*"
          : path.startsWith(TYPES_PREFIX) ? TYPES_PREFIX + "*"
          : path.equals(DEBUG) || path.startsWith(DEBUG_PREFIX) ? DEBUG_PREFIX + "*" : "(unknown path)";
    };
  }

  private void route(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getPathInfo();
    if (path == null) {
      throw Scripts.notFound();
    }
    switch (path) {
      case "/engine.js" -> scripts.engine(request, response, false, isHead(get(request, response)));
      case "/engine.mjs" -> scripts.engine(request, response, true, isHead(get(request, response)));
      case "/session", "/call", "/reverse", "/ack", "/unload" -> post(path, request, response);
      case "/ws" -> upgrade(request, response);
      default -> {
        if (path.equals(DEBUG) || path.startsWith(DEBUG_PREFIX)) {
          debug(path, request, response);
          return;
        }
        if (path.startsWith(TYPES_PREFIX) && config.debug()) {
          // TypeScript typings are a development aid: without debug the path does not exist.
          typings.serve(response, path.substring(TYPES_PREFIX.length()), isHead(get(request, response)));
          return;
        }
        if (!path.startsWith(INTERFACE_PREFIX)) {
          throw Scripts.notFound();
        }
        String name = path.substring(INTERFACE_PREFIX.length());
        scripts.service(request, response, name, isHead(get(request, response)));
      }
    }
  }

  /**
   * {@code GET {base}/debug/...}: with {@code debug} off refused {@code DEBUG_DISABLED} before
   * anything else, so the answer is the same for every path and method and tells nothing.
   */
  private void debug(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (debugPage == null) {
      throw DebugPage.disabled();
    }
    boolean head = isHead(get(request, response));
    if (path.equals(DEBUG)) {
      // Relative links of the page (debug.js, ../engine.js) need the trailing slash.
      response.setStatus(HttpServletResponse.SC_FOUND);
      response.setHeader("Location", request.getRequestURI() + "/");
      response.setHeader("Cache-Control", "no-store");
      return;
    }
    debugPage.serve(path.substring(DEBUG_PREFIX.length()), head, response);
  }

  /**
   * {@code GET {base}/ws} (websocket mode only): the origin check of every POST, then the upgrade.
   * The session and CSRF checks come with the socket's first frame; until then the socket counts
   * against maxUnopenedSockets.
   */
  private void upgrade(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (sockets == null) {
      throw Scripts.notFound();
    }
    if (!request.getMethod().equals("GET")) {
      response.setHeader("Allow", "GET");
      throw new ProtocolException(ErrorCode.METHOD_NOT_ALLOWED, "This endpoint answers GET only");
    }
    // check() includes checkHost()'s test.
    origins.check(request);
    try {
      sockets.upgrade(request, response);
    } catch (ProtocolException refusal) {
      if (refusal.code() == ErrorCode.TOO_MANY_SOCKETS) {
        // The longest an unopened socket holds its place: the first-contact timeout.
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
      }
      throw refusal;
    }
  }

  private String get(HttpServletRequest request, HttpServletResponse response) {
    origins.checkHost(request);
    String method = request.getMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      response.setHeader("Allow", "GET, HEAD");
      throw new ProtocolException(ErrorCode.METHOD_NOT_ALLOWED, "This endpoint answers GET only");
    }
    return method;
  }

  private static boolean isHead(String method) {
    return method.equals("HEAD");
  }

  private void post(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
    ProtocolException refusal = null;
    try {
      if (!request.getMethod().equals("POST")) {
        response.setHeader("Allow", "POST");
        throw new ProtocolException(ErrorCode.METHOD_NOT_ALLOWED, "This endpoint answers POST only");
      }
      origins.check(request);
      checkContentType(request);
    } catch (ProtocolException refused) {
      // Answered once its body is discarded, so that the client sees this answer, not a reset.
      refusal = refused;
    }
    RequestBody.Bytes body = bodies.read(request, response, refusal);
    if (body == null) {
      // Still arriving: read without a thread; this request is dispatched again once it is here.
      return;
    }
    switch (path) {
      case "/session" -> handshake(parser.handshake(body), request, response);
      case "/call" -> {
        CallBatchRequest batch = parser.callBatch(body);
        SessionGuard.Checked checked = checked(batch, request);
        calls.handle(batch, checked, request, response);
        // A call may have logged the user in (request.login, changeSessionId): follow it now.
        follow(checked.scriptSession(), request);
      }
      case "/reverse" -> {
        ReverseRequest poll = parser.reverse(body);
        reverse.handle(poll, checked(poll, request), request, response);
      }
      case "/ack" -> {
        AckRequest ack = parser.ack(body);
        ScriptSessionImpl session = checked(ack, request).scriptSession();
        session.answered(ack.answers());
        session.touch();
        session.queue().acknowledge(ack.ack());
        HttpResponses.noContent(response);
      }
      case "/unload" -> {
        UnloadRequest unload = parser.unload(body);
        guard.check(unload, request).scriptSession().invalidate();
        HttpResponses.noContent(response);
      }
      default -> throw Scripts.notFound();
    }
  }

  /**
   * Steps 6 and 7 of the checks; then the page follows this request's user and HTTP session id, so
   * targeting by user or HTTP session finds it after a login (docs/protocol.md section 1).
   */
  private SessionGuard.Checked checked(SessionRequest body, HttpServletRequest request) {
    SessionGuard.Checked checked = guard.check(body, request);
    follow(checked.scriptSession(), request);
    return checked;
  }

  private static void follow(ScriptSessionImpl session, HttpServletRequest request) {
    HttpSession http = request.getSession(false);
    if (http != null) {
      try {
        session.follow(http.getId(), request.getRemoteUser());
      } catch (IllegalStateException invalidatedMeanwhile) {
        // The session's pages end with it; nothing to follow.
      }
    }
  }

  private static void checkContentType(HttpServletRequest request) {
    String type = request.getContentType();
    int semicolon = type == null ? -1 : type.indexOf(';');
    String media = type == null ? "" : (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
    if (!media.toLowerCase(Locale.ROOT).equals("application/json")) {
      throw new ProtocolException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
    }
  }

  private void handshake(HandshakeRequest body, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (body.page().length() > config.maxPageNameLength()) {
      // Before normalising it: the work done for a client that has not authenticated stays small.
      throw new ProtocolException(
          ErrorCode.PAGE_NAME_TOO_LONG, "The page name is longer than " + config.maxPageNameLength() + " characters");
    }
    ResponseBuffer out = new ResponseBuffer();
    // Page names do not include the context path: page("/app.html") is the same page at / and /shop.
    String page = Deployment.contextRelativePage(body.page(), request.getContextPath());
    try {
      // Refused before an HTTP session is made: a flood beyond the cap costs no session at all.
      if (sessions.isFull()) {
        throw ScriptSessionManager.busy();
      }
      states.bindPage(
          request,
          (http, state) -> {
            ScriptSessionImpl session =
                sessions.create(page, state.ownerKey(), http.getId(), request.getRemoteUser());
            writer.handshake(out, session.id(), state.csrfToken(), session.page(), config);
            return session;
          });
    } catch (IllegalStateException noSession) {
      throw deployment.withoutSessions(request, noSession);
    } catch (ProtocolException refusal) {
      if (refusal.code() == ErrorCode.SERVER_BUSY) {
        // By then pages of a flood that never came back have been swept.
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
      }
      throw refusal;
    }
    HttpResponses.json(response, HttpServletResponse.SC_OK, out);
  }

  @Override
  public void close() {
    closeHeld();
  }

  /**
   * Ends held requests and sockets and stops the reverse machinery; completes once they are gone.
   *
   * @return completes when every held request has completed and every socket has closed
   */
  public java.util.concurrent.CompletableFuture<Void> closeHeld() {
    sessions.removeListener(states);
    if (debugPage != null) {
      debugPage.close();
    }
    return reverse.closeHeld();
  }
}

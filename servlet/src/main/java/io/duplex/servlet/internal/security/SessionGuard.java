package io.duplex.servlet.internal.security;

import io.duplex.internal.protocol.ErrorCode;
import io.duplex.internal.protocol.ProtocolException;
import io.duplex.internal.protocol.SessionRequest;
import io.duplex.internal.reverse.ScriptSessionImpl;
import io.duplex.internal.reverse.ScriptSessionManager;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Steps 6 and 7 of the POST checks: the script session exists, belongs to this request's HTTP
 * session, and the request carries that HTTP session's CSRF token. Changes nothing.
 */
public final class SessionGuard {
  private final ScriptSessionManager sessions;
  private final HttpSessionStates states;

  public SessionGuard(ScriptSessionManager sessions, HttpSessionStates states) {
    this.sessions = sessions;
    this.states = states;
  }

  /** The checked request's session and state. */
  public record Checked(ScriptSessionImpl scriptSession, HttpSession httpSession, HttpSessionState state) {}

  public Checked check(SessionRequest body, HttpServletRequest request) {
    return check(body, request.getSession(false));
  }

  /**
   * The same checks against {@code http}, the HTTP session of the request that carried {@code body}
   * (for a WebSocket: of its upgrade request).
   */
  public Checked check(SessionRequest body, HttpSession http) {
    ScriptSessionImpl session = sessions.find(body.session());
    if (session == null) {
      throw new ProtocolException(ErrorCode.SESSION_UNKNOWN, "The script session is unknown or has ended");
    }
    HttpSessionState state = http == null ? null : states.find(http);
    if (state == null || !Tokens.same(state.ownerKey(), session.ownerKey())) {
      throw new ProtocolException(
          ErrorCode.SESSION_MISMATCH, "The script session belongs to another HTTP session");
    }
    if (!Tokens.same(state.csrfToken(), body.csrf())) {
      throw new ProtocolException(ErrorCode.CSRF_REJECTED, "Missing or wrong CSRF token");
    }
    return new Checked(session, http, state);
  }
}

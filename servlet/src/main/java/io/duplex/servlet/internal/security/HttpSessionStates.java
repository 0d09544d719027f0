package io.duplex.servlet.internal.security;

import io.duplex.internal.reverse.ScriptSessionManager;
import jakarta.servlet.http.HttpSession;

/** Finds and creates the {@link HttpSessionState} of an HTTP session. */
public final class HttpSessionStates {
  /** Striped locks: creating the state must be atomic, and HttpSession objects need not be stable. */
  private static final Object[] LOCKS = new Object[64];

  static {
    for (int i = 0; i < LOCKS.length; i++) {
      LOCKS[i] = new Object();
    }
  }

  private final String attribute;
  private final ScriptSessionManager sessions;

  /** @param attribute the session attribute name, one per servlet so two Duplexes do not mix */
  public HttpSessionStates(String attribute, ScriptSessionManager sessions) {
    this.attribute = attribute;
    this.sessions = sessions;
  }

  /** The session's state, or null if Duplex never handshook in it. */
  public HttpSessionState find(HttpSession session) {
    try {
      return (HttpSessionState) session.getAttribute(attribute);
    } catch (IllegalStateException invalidatedMeanwhile) {
      return null;
    }
  }

  public HttpSessionState getOrCreate(HttpSession session) {
    HttpSessionState state = find(session);
    if (state != null) {
      return state;
    }
    // A replaced state would be unbound and end the pages of the one it replaced: create it once.
    synchronized (LOCKS[(session.getId().hashCode() & 0x7fffffff) % LOCKS.length]) {
      state = find(session);
      if (state == null) {
        state = new HttpSessionState(sessions);
        session.setAttribute(attribute, state);
      }
      return state;
    }
  }
}

package io.duplex.servlet.internal.security;

import io.duplex.internal.reverse.ScriptSessionManager;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import java.io.Serializable;

/**
 * What Duplex keeps in one HTTP session: the CSRF token, the owner key that binds script sessions
 * to this HTTP session, and the lock that makes HTTP_SESSION-scoped service creation atomic. Being
 * an attribute (not keyed by session id) it survives {@code changeSessionId}; being a binding
 * listener it ends the session's pages when the HTTP session is invalidated or expires.
 */
public final class HttpSessionState implements HttpSessionBindingListener, Serializable {
  private static final long serialVersionUID = 1L;

  private final String csrfToken = Tokens.random(256);
  private final String ownerKey = Tokens.random(192);
  /** Script sessions live in memory only, so a deserialised copy has nothing left to end. */
  private final transient ScriptSessionManager sessions;

  HttpSessionState(ScriptSessionManager sessions) {
    this.sessions = sessions;
  }

  public String csrfToken() {
    return csrfToken;
  }

  public String ownerKey() {
    return ownerKey;
  }

  /** Guards creation of HTTP_SESSION-scoped objects in this session. */
  public Object lock() {
    return this;
  }

  /** The HTTP session got a new id: its pages are targeted by the new one. */
  public void sessionIdChanged(String newId) {
    if (sessions != null) {
      sessions.httpSessionIdChanged(ownerKey, newId);
    }
  }

  @Override
  public void valueUnbound(HttpSessionBindingEvent event) {
    if (sessions != null) {
      sessions.endOwner(ownerKey);
    }
  }
}

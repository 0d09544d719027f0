package io.duplex.servlet.internal.security;

import io.duplex.internal.reverse.ScriptSessionManager;
import jakarta.servlet.http.HttpSession;
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
  /** Orders binding a new page against discarding an HTTP session Duplex made (see below). */
  private final PagesLock pagesLock = new PagesLock();
  /** Script sessions live in memory only, so a deserialised copy has nothing left to end. */
  private final transient ScriptSessionManager sessions;
  private final transient HttpSessionStates states;
  /** The HTTP session, when Duplex created it for a page's handshake; null for the application's. */
  private final transient HttpSession createdByDuplex;
  /** Set once the HTTP session is (being) invalidated: no new page may bind to it. */
  private transient volatile boolean discarded;

  HttpSessionState(ScriptSessionManager sessions, HttpSessionStates states, HttpSession createdByDuplex) {
    this.sessions = sessions;
    this.states = states;
    this.createdByDuplex = createdByDuplex;
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

  /**
   * Held while a page is bound to this HTTP session and while Duplex decides to discard it, so a
   * handshake never binds a page to an HTTP session about to be invalidated.
   */
  Object pagesLock() {
    return pagesLock;
  }

  HttpSession createdByDuplex() {
    return createdByDuplex;
  }

  boolean isDiscarded() {
    return discarded;
  }

  void discard() {
    discarded = true;
  }

  @Override
  public void valueUnbound(HttpSessionBindingEvent event) {
    discarded = true;
    if (states != null) {
      states.forget(this);
    }
    if (sessions != null) {
      sessions.endOwner(ownerKey);
    }
  }

  private static final class PagesLock implements Serializable {
    private static final long serialVersionUID = 1L;
  }
}

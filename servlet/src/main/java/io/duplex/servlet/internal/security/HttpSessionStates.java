package io.duplex.servlet.internal.security;

import io.duplex.ScriptSession;
import io.duplex.ScriptSessionListener;
import io.duplex.internal.reverse.ScriptSessionImpl;
import io.duplex.internal.reverse.ScriptSessionManager;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Enumeration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Finds and creates the {@link HttpSessionState} of an HTTP session, and binds new pages to it.
 * An HTTP session Duplex created for a page's handshake (there was none) is invalidated again when
 * its last page ends (unload, first-contact timeout, idle timeout), unless it holds an attribute
 * besides Duplex's own by then: the application uses it. So a page that never comes back, or a
 * handshake flood, does not leave an HTTP session behind for the container's session timeout.
 */
public final class HttpSessionStates implements ScriptSessionListener {
  /** Striped locks: creating the state must be atomic, and HttpSession objects need not be stable. */
  private static final Object[] LOCKS = new Object[64];

  static {
    for (int i = 0; i < LOCKS.length; i++) {
      LOCKS[i] = new Object();
    }
  }

  private final String attribute;
  private final ScriptSessionManager sessions;
  /** The states of HTTP sessions Duplex created, by owner key, while they may still be discarded. */
  private final ConcurrentHashMap<String, HttpSessionState> created = new ConcurrentHashMap<>();

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
    return getOrCreate(session, false);
  }

  private HttpSessionState getOrCreate(HttpSession session, boolean createdHere) {
    HttpSessionState state = find(session);
    if (state != null) {
      return state;
    }
    // A replaced state would be unbound and end the pages of the one it replaced: create it once.
    synchronized (LOCKS[(session.getId().hashCode() & 0x7fffffff) % LOCKS.length]) {
      state = find(session);
      if (state == null) {
        state = new HttpSessionState(sessions, this, createdHere ? session : null);
        if (createdHere) {
          created.put(state.ownerKey(), state);
        }
        session.setAttribute(attribute, state);
      }
      return state;
    }
  }

  /**
   * Opens a page for the handshake {@code request} with {@code open} (given the HTTP session and
   * its state), in the request's HTTP session; creates one, marked as Duplex's own, when there is none.
   */
  public <T> T bindPage(HttpServletRequest request, BiFunction<HttpSession, HttpSessionState, T> open) {
    HttpSession http = request.getSession(false);
    boolean createdHere = http == null;
    if (createdHere) {
      http = request.getSession(true);
    }
    try {
      for (;;) {
        HttpSessionState state = getOrCreate(http, createdHere);
        synchronized (state.pagesLock()) {
          if (!state.isDiscarded()) {
            return open.apply(http, state);
          }
        }
        // Its last page ended a moment ago and Duplex is invalidating it: start a new one.
        invalidate(http);
        http = request.getSession(true);
        createdHere = true;
      }
    } catch (RuntimeException refused) {
      // e.g. SERVER_BUSY: an HTTP session made for this handshake alone must not outlive it.
      if (createdHere) {
        HttpSessionState state = find(http);
        if (state == null || !sessions.hasPages(state.ownerKey())) {
          invalidate(http);
        }
      }
      throw refused;
    }
  }

  @Override
  public void created(ScriptSession session) {}

  /** A page ended: if it was the last of an HTTP session Duplex made and nobody else uses, end that too. */
  @Override
  public void destroyed(ScriptSession session) {
    String owner = ((ScriptSessionImpl) session).ownerKey();
    HttpSessionState state = created.get(owner);
    if (state == null || sessions.hasPages(owner)) {
      return;
    }
    HttpSession http = state.createdByDuplex();
    // Read outside the pages lock: the container may hold its session lock while unbinding ours.
    if (!onlyDuplexIn(http)) {
      created.remove(owner, state);
      return;
    }
    synchronized (state.pagesLock()) {
      if (state.isDiscarded() || sessions.hasPages(owner)) {
        return;
      }
      state.discard();
    }
    created.remove(owner, state);
    invalidate(http);
  }

  /** The state's HTTP session ended. */
  void forget(HttpSessionState state) {
    created.remove(state.ownerKey(), state);
  }

  /** How many HTTP sessions Duplex created are still tracked (for tests and diagnostics). */
  public int createdCount() {
    return created.size();
  }

  /** Whether Duplex's state is the session's only attribute; false once it is invalid. */
  private boolean onlyDuplexIn(HttpSession http) {
    try {
      Enumeration<String> names = http.getAttributeNames();
      while (names.hasMoreElements()) {
        if (!names.nextElement().equals(attribute)) {
          return false;
        }
      }
      return true;
    } catch (IllegalStateException invalidated) {
      return false;
    }
  }

  private static void invalidate(HttpSession http) {
    try {
      http.invalidate();
    } catch (IllegalStateException alreadyInvalid) {
      // ended meanwhile: nothing left to do
    }
  }
}

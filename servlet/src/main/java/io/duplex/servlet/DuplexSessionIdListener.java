package io.duplex.servlet;

import io.duplex.servlet.internal.security.HttpSessionState;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import java.util.Collections;

/**
 * Keeps targeting by HTTP session id right across {@code HttpServletRequest.changeSessionId()}, the
 * usual login step: the pages of the session are found by its new id at once, and no longer by the
 * old one. In a deployed web application {@link DuplexInitializer} registers it; embedded (Spring
 * Boot, a Jetty {@code ServletContextHandler}) register it yourself, e.g. {@code
 * context.addEventListener(new DuplexSessionIdListener())} or as a Spring bean. Without it a page
 * follows the new id on its next request (call, poll or stream). It holds no state: registering it
 * twice is harmless.
 */
public class DuplexSessionIdListener implements HttpSessionIdListener {
  /** Creates the listener; it needs no configuration. */
  public DuplexSessionIdListener() {}

  /**
   * Re-indexes the pages of every Duplex servlet that has state in {@code event}'s session.
   *
   * @param event the session whose id changed
   * @param oldSessionId its previous id
   */
  @Override
  public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
    HttpSession session = event.getSession();
    try {
      for (String name : Collections.list(session.getAttributeNames())) {
        if (name.startsWith(DuplexServlet.STATE_ATTRIBUTE_PREFIX)
            && session.getAttribute(name) instanceof HttpSessionState state) {
          state.sessionIdChanged(session.getId());
        }
      }
    } catch (IllegalStateException invalidatedMeanwhile) {
      // An invalidated session's pages have ended: nothing to re-index.
    }
  }
}

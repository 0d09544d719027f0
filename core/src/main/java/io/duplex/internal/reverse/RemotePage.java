package io.duplex.internal.reverse;

import io.duplex.QueueStats;
import io.duplex.ScriptSession;
import io.duplex.Targets;
import java.time.Instant;

/**
 * A page of another backplane node, as an answer from it names it: its id, page and user as they
 * were when it answered. {@link #target()} reaches it through the backplane; what lives only on its
 * own node (attributes, times, queue, HTTP session, invalidation) is not here.
 */
record RemotePage(ScriptSessionManager manager, String id, String page, String user) implements ScriptSession {
  /** @return null: the HTTP session lives on the page's own node */
  @Override
  public String httpSessionId() {
    return null;
  }

  @Override
  public Instant createdAt() {
    throw elsewhere("createdAt");
  }

  @Override
  public Instant lastSeenAt() {
    throw elsewhere("lastSeenAt");
  }

  @Override
  public Object getAttribute(String name) {
    throw elsewhere("getAttribute");
  }

  @Override
  public void setAttribute(String name, Object value) {
    throw elsewhere("setAttribute");
  }

  @Override
  public Object removeAttribute(String name) {
    throw elsewhere("removeAttribute");
  }

  /** @return true: it was open when it answered (this node cannot see it end) */
  @Override
  public boolean isValid() {
    return true;
  }

  @Override
  public void invalidate() {
    throw elsewhere("invalidate");
  }

  @Override
  public QueueStats queueStats() {
    throw elsewhere("queueStats");
  }

  @Override
  public Targets target() {
    return manager.browser().session(id);
  }

  private UnsupportedOperationException elsewhere(String what) {
    return new UnsupportedOperationException(
        what + "() of a page on another backplane node: only id(), page(), user() and target() reach it from here");
  }

  @Override
  public String toString() {
    return "page " + page + " on another node";
  }
}

package io.duplex.internal.reverse;

import io.duplex.QueueStats;
import io.duplex.ScriptSession;
import io.duplex.Targets;
import java.time.Instant;

/** SEAM STUB — replaced by the reverse implementation. */
public final class ScriptSessionImpl implements ScriptSession {
  public String ownerKey() { return null; }
  public void touch() {}
  public void setHeld(boolean held) {}
  public OutboundQueue queue() { return null; }

  @Override public String id() { return null; }
  @Override public String page() { return null; }
  @Override public Instant createdAt() { return null; }
  @Override public Instant lastSeenAt() { return null; }
  @Override public String httpSessionId() { return null; }
  @Override public String user() { return null; }
  @Override public Object getAttribute(String name) { return null; }
  @Override public void setAttribute(String name, Object value) {}
  @Override public Object removeAttribute(String name) { return null; }
  @Override public boolean isValid() { return false; }
  @Override public void invalidate() {}
  @Override public QueueStats queueStats() { return null; }
  @Override public Targets target() { return null; }
}

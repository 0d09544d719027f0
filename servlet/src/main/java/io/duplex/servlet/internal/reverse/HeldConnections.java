package io.duplex.servlet.internal.reverse;

import io.duplex.internal.reverse.ScriptSessionImpl;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** At most one held reverse request per script session; the newest wins. */
final class HeldConnections {
  private final ConcurrentMap<String, HeldConnection> held = new ConcurrentHashMap<>();

  /** Makes {@code connection} the session's held request; returns the one it replaces, if any. */
  HeldConnection hold(ScriptSessionImpl session, HeldConnection connection) {
    String id = session.id();
    HeldConnection previous = held.put(id, connection);
    // Looked up on every signal, so a replaced connection never hears its session's news.
    session.queue().setSignal(() -> wake(id));
    return previous;
  }

  void release(ScriptSessionImpl session, HeldConnection connection) {
    held.remove(session.id(), connection);
  }

  private void wake(String sessionId) {
    HeldConnection connection = held.get(sessionId);
    if (connection != null) {
      connection.signal();
    }
  }

  List<HeldConnection> all() {
    return List.copyOf(held.values());
  }
}

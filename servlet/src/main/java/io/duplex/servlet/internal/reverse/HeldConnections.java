package io.duplex.servlet.internal.reverse;

import io.duplex.internal.reverse.ScriptSessionImpl;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * At most one held reverse request per script session. The newer one wins, judged by the page's
 * numbering ({@code conn}) when both requests carry it, else by arrival: a late copy of a request
 * the page already gave up on must not take over from the one it is reading.
 */
final class HeldConnections {
  private final ConcurrentMap<String, HeldConnection> held = new ConcurrentHashMap<>();

  /**
   * Makes {@code connection} the session's held request unless the held one is newer; returns the
   * one that lost (to be ended as replaced): the previous one, {@code connection} itself, or null.
   */
  HeldConnection hold(ScriptSessionImpl session, HeldConnection connection) {
    String id = session.id();
    HeldConnection[] loser = new HeldConnection[1];
    held.compute(
        id,
        (key, current) -> {
          if (current != null && connection.isOlderThan(current)) {
            loser[0] = connection;
            return current;
          }
          loser[0] = current;
          return connection;
        });
    // Looked up on every signal, so a replaced connection never hears its session's news.
    session.queue().setSignal(() -> wake(id));
    return loser[0];
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

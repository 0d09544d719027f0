package io.duplex.servlet.internal.reverse;

import io.duplex.internal.reverse.ScriptSessionImpl;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most one held reverse request per script session. The newer one wins, judged by the page's
 * numbering ({@code conn}) when both requests carry it, else by arrival: a late copy of a request
 * the page already gave up on must not take over from the one it is reading.
 *
 * <p>At most {@code maxPerOwner} pages of one HTTP session hold a request at once: each such page
 * has a slot, taken by {@link #admit} before its request is held and given back by {@link
 * #leave} when its last connection ends (a page's replacing and replaced requests share its slot).
 * Pages a connection carries for other tabs ({@link HeldConnection#join}) are held here too, under
 * their own ids, but take no slot: a shared connection counts once.
 */
final class HeldConnections {
  private static final Logger LOG = LoggerFactory.getLogger(HeldConnections.class);

  private final ConcurrentMap<String, HeldConnection> held = new ConcurrentHashMap<>();
  /** Owner key → (script session id → connections admitted and not yet ended). */
  private final ConcurrentMap<String, Map<String, Integer>> slots = new ConcurrentHashMap<>();
  private final int maxPerOwner;
  private volatile boolean closed;

  /** @param maxPerOwner maxHeldPerHttpSession */
  HeldConnections(int maxPerOwner) {
    this.maxPerOwner = maxPerOwner;
  }

  /**
   * Takes a slot of the session's HTTP session for one more connection of {@code session}; false
   * when {@code maxPerOwner} other pages of it hold one (the request is then not held). Each true
   * must be matched by one {@link #leave}.
   */
  boolean admit(ScriptSessionImpl session) {
    boolean[] admitted = new boolean[1];
    slots.compute(
        session.ownerKey(),
        (owner, pages) -> {
          Map<String, Integer> map = pages == null ? new HashMap<>() : pages;
          Integer count = map.get(session.id());
          if (count != null || map.size() < maxPerOwner) {
            map.put(session.id(), count == null ? 1 : count + 1);
            admitted[0] = true;
          }
          return map.isEmpty() ? null : map;
        });
    return admitted[0];
  }

  /** One admitted connection of {@code session} ended. */
  void leave(ScriptSessionImpl session) {
    slots.computeIfPresent(
        session.ownerKey(),
        (owner, pages) -> {
          pages.computeIfPresent(session.id(), (id, count) -> count > 1 ? count - 1 : null);
          return pages.isEmpty() ? null : pages;
        });
  }

  /**
   * Makes {@code connection} the session's held request unless the held one is newer; returns the
   * one that lost (to be ended as replaced): the previous one, {@code connection} itself, or null.
   */
  HeldConnection hold(ScriptSessionImpl session, HeldConnection connection) {
    HeldConnection[] loser = new HeldConnection[1];
    held.compute(
        session.id(),
        (key, current) -> {
          HeldConnection winner = connection;
          if (current == connection) {
            // A page the connection carries joins it again (from another ack): nobody lost.
            loser[0] = null;
          } else if (current != null && connection.isOlderThan(current)) {
            winner = current;
            loser[0] = connection;
          } else {
            loser[0] = current;
          }
          // The signal holds the winner itself (set atomically with the choice): no lookup by id
          // per page per push, and a replaced connection never hears its session's news.
          session.queue().setSignal(winner::signal);
          return winner;
        });
    return loser[0];
  }

  void release(ScriptSessionImpl session, HeldConnection connection) {
    held.computeIfPresent(
        session.id(),
        (key, current) -> {
          if (current != connection) {
            return current;
          }
          session.queue().setSignal(null);
          return null;
        });
  }

  /**
   * One pass over every held connection: ends holds that are due and lets streams write their
   * heartbeats. Connections held or released during the pass may or may not be seen; the next
   * pass sees them.
   */
  void sweep() {
    long now = System.nanoTime();
    for (Map.Entry<String, HeldConnection> entry : held.entrySet()) {
      HeldConnection connection = entry.getValue();
      if (!connection.isOwnPage(entry.getKey())) {
        // A page it carries for another tab: swept once, under its own page.
        continue;
      }
      try {
        connection.sweep(now);
      } catch (RuntimeException e) {
        // One broken connection must not stop the sweep for the others (or for good).
        LOG.warn("Sweeping a reverse connection failed", e);
      }
    }
  }

  /** The mode of the connection held for this script session, or null when none is. */
  io.duplex.internal.HeldConnectionCounters.Mode modeOf(String scriptSessionId) {
    HeldConnection connection = held.get(scriptSessionId);
    return connection == null ? null : connection.mode();
  }

  /** From now on no connection is held; returns those held until now, to be ended. */
  List<HeldConnection> close() {
    closed = true;
    return held.entrySet().stream()
        .filter(entry -> entry.getValue().isOwnPage(entry.getKey()))
        .map(Map.Entry::getValue)
        .toList();
  }

  boolean isClosed() {
    return closed;
  }
}

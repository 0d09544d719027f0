package io.duplex.samples.reverse;

import io.duplex.ScriptSession;
import io.duplex.ScriptSessionListener;
import io.duplex.Targets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Hears pages open and close, so a test can wait for the server's view of open pages to change
 * without polling: every change wakes the waiters, which then look again.
 */
final class PageWatch implements ScriptSessionListener {
  private final Object changed = new Object();
  private final Set<String> destroyed = ConcurrentHashMap.newKeySet();

  @Override
  public void created(ScriptSession session) {
    wakeUp();
  }

  @Override
  public void destroyed(ScriptSession session) {
    destroyed.add(session.id());
    wakeUp();
  }

  /**
   * Whether listeners hear that the page with this id went, within {@code timeout}. The index
   * drops a page before its listeners run, so a count of zero does not mean they have run yet.
   */
  boolean heardDestroyed(String scriptSessionId, Duration timeout) throws InterruptedException {
    return await(() -> destroyed.contains(scriptSessionId), timeout);
  }

  /** Waits until {@code targets} matches exactly {@code count} pages. */
  void awaitCount(Targets targets, int count, Duration timeout) throws InterruptedException {
    // The index changes before listeners hear of it, so a wake-up always sees the new count.
    if (!await(() -> targets.count() == count, timeout)) {
      throw new AssertionError(
          "expected " + count + " pages, found " + targets.count() + " after " + timeout + ": " + describe(targets));
    }
  }

  /** Whether {@code condition} holds within {@code timeout}; looked at again on every page event. */
  private boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (changed) {
      while (!condition.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        changed.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  /** What a failure needs to tell which page stayed: its page, id, age and last sign of life. */
  private static String describe(Targets targets) {
    StringBuilder out = new StringBuilder();
    Instant now = Instant.now();
    for (ScriptSession s : targets.sessions()) {
      out.append("\n  ").append(s.page()).append(" id=").append(s.id(), 0, 8)
          .append(" created ").append(Duration.between(s.createdAt(), now).toMillis()).append(" ms ago")
          .append(", last seen ").append(Duration.between(s.lastSeenAt(), now).toMillis()).append(" ms ago")
          .append(", queued ").append(s.queueStats());
    }
    return out.toString();
  }

  private void wakeUp() {
    synchronized (changed) {
      changed.notifyAll();
    }
  }
}

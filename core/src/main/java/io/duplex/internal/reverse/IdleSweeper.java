package io.duplex.internal.reverse;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends script sessions unseen for the timeout, and those that never came back after their
 * handshake within the first-contact timeout (protocol section 4.5). One daemon thread per manager,
 * no timer per session; it sweeps at half the shorter timeout, at most every 5 s and at least
 * 50 ms apart.
 */
final class IdleSweeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IdleSweeper.class);
  private static final long MIN_PERIOD_MILLIS = 50;
  private static final long MAX_PERIOD_MILLIS = 5_000;

  private final SessionIndex index;
  private final long timeoutNanos;
  private final long firstContactNanos;
  private final ScheduledExecutorService scheduler;

  IdleSweeper(SessionIndex index, long timeoutMillis, long firstContactMillis) {
    this.index = index;
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    this.firstContactNanos = TimeUnit.MILLISECONDS.toNanos(firstContactMillis);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "duplex-script-session-sweeper");
              thread.setDaemon(true);
              return thread;
            });
    long shorter = Math.min(timeoutMillis, firstContactMillis);
    long period = Math.max(MIN_PERIOD_MILLIS, Math.min(shorter / 2, MAX_PERIOD_MILLIS));
    scheduler.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  private void sweep() {
    // An exception escaping a scheduled task would cancel every later sweep.
    try {
      long now = System.nanoTime();
      for (ScriptSessionImpl session : index.all()) {
        if (session.isIdle(now, timeoutNanos, firstContactNanos)) {
          session.invalidate();
        }
      }
    } catch (RuntimeException e) {
      LOG.error("Script session sweep failed", e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}

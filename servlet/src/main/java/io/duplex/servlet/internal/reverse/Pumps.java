package io.duplex.servlet.internal.reverse;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections with something to write, drained by a few tasks that each write many connections.
 * A broadcast signals thousands of connections at once: one executor task per connection would
 * put thousands of entries through the executor's queue (a heap under one lock when it is a
 * scheduled executor), while a plain lock-free queue costs one node per connection.
 */
final class Pumps {
  private static final Logger LOG = LoggerFactory.getLogger(Pumps.class);
  /** Connections one task writes before it yields the thread to timers and the sweep. */
  private static final int BATCH = 512;

  private final Queue<HeldConnection> ready = new ConcurrentLinkedQueue<>();
  private final AtomicInteger running = new AtomicInteger();
  private final Executor executor;
  private final int maxRunning;

  Pumps(Executor executor, int maxRunning) {
    this.executor = executor;
    this.maxRunning = maxRunning;
  }

  /** Queues {@code connection} for a pump; callers coalesce so it is queued at most once. */
  void submit(HeldConnection connection) {
    ready.add(connection);
    startIfNeeded();
  }

  private void startIfNeeded() {
    int n;
    while (!ready.isEmpty() && (n = running.get()) < maxRunning) {
      if (running.compareAndSet(n, n + 1)) {
        try {
          executor.execute(this::drain);
        } catch (RejectedExecutionException shuttingDown) {
          running.decrementAndGet();
          ready.clear();
        }
        return;
      }
    }
  }

  private void drain() {
    try {
      HeldConnection connection;
      for (int i = 0; i < BATCH && (connection = ready.poll()) != null; i++) {
        try {
          connection.pumpQueued();
        } catch (RuntimeException e) {
          LOG.warn("A reverse connection's pump failed", e);
        }
      }
    } finally {
      running.decrementAndGet();
      // A submit that saw every pump running while this one was finishing relies on this check.
      startIfNeeded();
    }
  }
}

package io.duplex.bench.client;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.LongConsumer;

/**
 * Counts, per broadcast round, the pages that have it (or have moved past it), to know the highest
 * round delivered everywhere: the publisher's flow control ("at most 8 rounds not yet delivered
 * everywhere") and the end-of-run drain.
 */
final class RoundCounter {
  private static final int SLOTS = 1 << 16;
  private static final int MASK = SLOTS - 1;

  private final AtomicIntegerArray counts = new AtomicIntegerArray(SLOTS);
  private final LongConsumer onAdvance;
  private volatile int pages;
  private volatile long deliveredEverywhere;

  RoundCounter(LongConsumer onAdvance) {
    this.onAdvance = onAdvance;
  }

  /** Starts counting {@code pages} pages from round {@code lastRound} + 1 (call while idle). */
  synchronized void reset(long lastRound, int pages) {
    for (int i = 0; i < SLOTS; i++) {
      counts.set(i, 0);
    }
    this.pages = pages;
    this.deliveredEverywhere = lastRound;
  }

  /** The longest latency the recorders take, in microseconds (2 minutes). */
  static final long MAX_LATENCY_MICROS = 120_000_000L;

  /**
   * {@code page} received round {@code seq}: settles every round that delivery completes for it (a
   * gap settles the rounds it skipped); false for a duplicate or out-of-order round, which settles
   * nothing and must not be counted as delivered.
   */
  boolean settle(SimPage page, long seq) {
    long settled = page.checkRound(seq);
    if (settled < 0) {
      return false;
    }
    for (long r = seq - settled + 1; r <= seq; r++) {
      settle(r);
    }
    return true;
  }

  /** A delivery's latency in whole microseconds, clamped to what the recorders take. */
  static long latencyMicros(long sentNanos, long receivedNanos) {
    return Math.min(Math.max(0, (receivedNanos - sentNanos) / 1000), MAX_LATENCY_MICROS);
  }

  /** One page has round {@code round}. */
  void settle(long round) {
    if (round <= deliveredEverywhere) {
      return;
    }
    if (counts.incrementAndGet((int) (round & MASK)) >= pages) {
      advance();
    }
  }

  long deliveredEverywhere() {
    return deliveredEverywhere;
  }

  private void advance() {
    long reached;
    synchronized (this) {
      long before = deliveredEverywhere;
      long next = before + 1;
      while (counts.get((int) (next & MASK)) >= pages) {
        counts.set((int) (next & MASK), 0);
        next++;
      }
      reached = next - 1;
      if (reached == before) {
        return;
      }
      deliveredEverywhere = reached;
      notifyAll();
    }
    onAdvance.accept(reached);
  }

  /** Waits until every page has every round up to {@code round}; false on timeout. */
  synchronized boolean awaitDelivered(long round, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (deliveredEverywhere < round) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }
}

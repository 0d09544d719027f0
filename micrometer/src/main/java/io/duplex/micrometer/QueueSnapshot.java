package io.duplex.micrometer;

import io.duplex.QueueTotals;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The queue totals the four queue gauges of one registry share: one walk of the open pages serves
 * one scrape. A gauge that reads again, or a read later than {@link #MAX_AGE_NANOS} after the walk,
 * walks anew; so a scrape sees the four figures of one moment, and no figure is older than that.
 */
final class QueueSnapshot {
  /** Far below any scrape interval, far above the time one scrape takes to read four gauges. */
  static final long MAX_AGE_NANOS = 1_000_000_000L;

  /** The gauges that share the walk, by index into {@link #read}. */
  static final int ENTRIES = 0;
  static final int BYTES = 1;
  static final int MAX_DEPTH = 2;
  static final int BEHIND = 3;

  private final Supplier<QueueTotals> walk;
  private final LongSupplier nanoTime;
  private QueueTotals totals;
  private long takenAt;
  /** Which gauges have read {@link #totals} already. */
  private final boolean[] read = new boolean[4];

  QueueSnapshot(Supplier<QueueTotals> walk, LongSupplier nanoTime) {
    this.walk = walk;
    this.nanoTime = nanoTime;
  }

  /** @return the totals for this gauge: those of the last walk unless it read them already or they aged */
  synchronized QueueTotals read(int gauge) {
    long now = nanoTime.getAsLong();
    if (totals == null || read[gauge] || now - takenAt > MAX_AGE_NANOS) {
      totals = walk.get();
      takenAt = now;
      java.util.Arrays.fill(read, false);
    }
    read[gauge] = true;
    return totals;
  }
}

package io.duplex.internal.reverse;

import io.duplex.DuplexMetrics;
import io.duplex.PushCounts;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts pushes, pages reached, drops and resyncs for {@link io.duplex.Duplex#pushCounts()}, and
 * hands each delivery's push-to-write latency to the registered {@link DuplexMetrics}.
 */
public final class PushCounters {
  private volatile io.duplex.internal.MetricsListeners metrics;

  private final LongAdder pushes = new LongAdder();
  private final LongAdder pagesReached = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder resyncs = new LongAdder();

  void pushed(int reached) {
    pushes.increment();
    pagesReached.add(reached);
  }

  void dropped(boolean firstSinceCaughtUp) {
    dropped(1, firstSinceCaughtUp);
  }

  void dropped(long count, boolean firstSinceCaughtUp) {
    dropped.add(count);
    if (firstSinceCaughtUp) {
      resyncs.increment();
    }
  }

  /** Where push-to-write latencies go; set once, when the Duplex is built. */
  public void reportTo(io.duplex.internal.MetricsListeners listeners) {
    this.metrics = listeners;
  }

  /** Whether anyone listens for latencies: when not, the queues skip reading the clock. */
  boolean wantsLatency() {
    io.duplex.internal.MetricsListeners listeners = metrics;
    return listeners != null && !listeners.isEmpty();
  }

  void written(long nanos) {
    io.duplex.internal.MetricsListeners listeners = metrics;
    if (listeners != null) {
      listeners.pushWritten(nanos);
    }
  }

  public PushCounts snapshot() {
    return new PushCounts(pushes.sum(), pagesReached.sum(), dropped.sum(), resyncs.sum());
  }
}

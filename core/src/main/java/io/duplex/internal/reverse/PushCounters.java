package io.duplex.internal.reverse;

import io.duplex.PushCounts;
import java.util.concurrent.atomic.LongAdder;

/** Counts pushes, pages reached, drops and resyncs for {@link io.duplex.Duplex#pushCounts()}. */
public final class PushCounters {
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

  public PushCounts snapshot() {
    return new PushCounts(pushes.sum(), pagesReached.sum(), dropped.sum(), resyncs.sum());
  }
}

package io.duplex.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The outage row's split: messages the outage held and those queued behind its backlog stay out of
 * "outside the outage"; the drain ends with the last held delivery.
 */
class OutageSplitTest {
  private static final long MS = 1_000_000L;

  @Test
  void heldAndBehindMessagesAreKeptOutOfOutsideAndTheDrainEndsWithTheLastHeldDelivery() {
    // Window 0..10 s; Redis stopped at 2 s, back at 5 s; it takes 1.5 s to drain.
    long stop = 2_000 * MS;
    long cont = 5_000 * MS;
    OutageSplit split = new OutageSplit(0);
    split.record(-500 * MS, 100 * MS); // published before the window: not counted
    for (long t = 0; t < 1_950; t += 100) {
      split.record(t * MS, (t + 20) * MS); // before: 20 ms
    }
    split.record(1_980 * MS, 2_005 * MS); // delivered during the outage: it had passed Redis, not held
    split.record(1_990 * MS, 5_100 * MS); // in flight at SIGSTOP, delivered after SIGCONT: held
    for (long t = 2_000; t < 5_000; t += 100) {
      split.record(t * MS, (5_100 + (t - 2_000) / 10) * MS); // published during: held
    }
    split.record(4_999 * MS, 6_500 * MS); // the last held delivery: drain ends at 6.5 s
    for (long t = 5_000; t < 6_500; t += 100) {
      split.record(t * MS, 6_510 * MS); // behind the backlog
    }
    for (long t = 6_500; t < 10_000; t += 100) {
      split.record(t * MS, (t + 30) * MS); // after the drain: 30 ms
    }
    split.record(10_050 * MS, 10_060 * MS); // published after the window: not counted

    OutageSplit.Split result = split.split(stop, cont, 10_000 * MS);

    assertEquals(21, result.before().getTotalCount());
    assertEquals(21 + 35, result.outside().getTotalCount());
    assertEquals(1 + 30 + 1, result.held().getTotalCount());
    assertEquals(1, result.inFlight().getTotalCount());
    assertEquals(15, result.behind().getTotalCount());
    assertEquals(30_000, result.outside().getMaxValue(), 30);
    assertEquals(1_500 * MS, result.drainNanos());
    // Slices of 250 ms from SIGCONT: 5.0..6.5 s are behind (slow); 6.5 s on is at 30 ms, above the
    // before group's 20 ms p99; so latency never comes back to "normal" by that rule here.
    assertEquals(-1, result.recoveredNanos());
  }

  @Test
  void recoveryIsTheFirstSliceAsFastAsBeforeTheOutage() {
    long stop = 1_000 * MS;
    long cont = 2_000 * MS;
    OutageSplit split = new OutageSplit(0);
    for (long t = 0; t < 1_000; t += 10) {
      split.record(t * MS, (t + 40) * MS);
    }
    for (long t = 1_000; t < 2_000; t += 10) {
      split.record(t * MS, 2_100 * MS);
    }
    for (long t = 2_000; t < 4_000; t += 10) {
      // Slow for the first 600 ms after SIGCONT, then as before.
      split.record(t * MS, (t + (t < 2_600 ? 300 : 40)) * MS);
    }

    OutageSplit.Split result = split.split(stop, cont, 4_000 * MS);

    assertEquals(100 * MS, result.drainNanos());
    assertEquals(750 * MS, result.recoveredNanos());
  }
}

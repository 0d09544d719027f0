package io.duplex.bench.client;

import com.google.gson.JsonObject;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * W5's outage row, message by message: each delivery's publish and receive time, split afterwards
 * by when the message was published and delivered relative to the Redis outage (SIGSTOP at {@code
 * stop}, SIGCONT at {@code cont}):
 *
 * <ul>
 *   <li><b>held</b>: published during the outage (between SIGSTOP and SIGCONT), or <b>in
 *       flight</b>: published before SIGSTOP and delivered only after SIGCONT. It waited for Redis:
 *       the backplane keeps it by design and its delay is the outage's. (A message published
 *       before SIGSTOP and delivered during the outage had already passed Redis: it is not held.)
 *   <li><b>drain end</b>: when the last held message was delivered; <b>drain</b> is drain end minus
 *       SIGCONT, the time the backlog took to reach every page once Redis was back.
 *   <li><b>behind</b>: published after SIGCONT but before the drain end: queued behind the backlog.
 *   <li><b>outside</b>: the rest: published before SIGSTOP and delivered before SIGCONT
 *       (<b>before</b>), or published after the drain end. The "p99 outside the outage" is
 *       this group's p99.
 *   <li><b>recovered</b>: from SIGCONT to the start of the first 250 ms slice of publish time after
 *       it whose p99 is at most the p99 of the before group: when latency was back to normal.
 * </ul>
 *
 * Only messages published inside the measured window are recorded. Thread-safe.
 */
final class OutageSplit {
  static final long SLICE_NANOS = 250_000_000L;

  private final long windowStart;
  private long[] sent = new long[1 << 16];
  private long[] received = new long[1 << 16];
  private int size;

  /** @param windowStart {@link System#nanoTime()} at the start of the measured window */
  OutageSplit(long windowStart) {
    this.windowStart = windowStart;
  }

  /** One delivery; ignored when published before the measured window. */
  synchronized void record(long sentNanos, long receivedNanos) {
    if (sentNanos < windowStart) {
      return;
    }
    if (size == sent.length) {
      sent = Arrays.copyOf(sent, size * 2);
      received = Arrays.copyOf(received, size * 2);
    }
    sent[size] = sentNanos;
    received[size] = receivedNanos;
    size++;
  }

  /**
   * Splits what was recorded (call once no more deliveries are coming).
   *
   * @param stop SIGSTOP, {@link System#nanoTime()}
   * @param cont SIGCONT
   * @param windowEnd the end of the measured window: later publishes are not counted
   */
  synchronized Split split(long stop, long cont, long windowEnd) {
    Histogram outside = histogram();
    Histogram before = histogram();
    Histogram held = histogram();
    Histogram inFlight = histogram();
    Histogram behind = histogram();
    long drainEnd = cont;
    for (int i = 0; i < size; i++) {
      if (held(sent[i], received[i], stop, cont) && received[i] > drainEnd) {
        drainEnd = received[i];
      }
    }
    for (int i = 0; i < size; i++) {
      if (sent[i] > windowEnd) {
        continue;
      }
      long micros = RoundCounter.latencyMicros(sent[i], received[i]);
      if (held(sent[i], received[i], stop, cont)) {
        held.recordValue(micros);
        if (sent[i] < stop) {
          inFlight.recordValue(micros);
        }
      } else if (sent[i] < stop) {
        before.recordValue(micros);
        outside.recordValue(micros);
      } else if (sent[i] < drainEnd) {
        behind.recordValue(micros);
      } else {
        outside.recordValue(micros);
      }
    }
    return new Split(outside, before, held, inFlight, behind, drainEnd - cont, recovered(cont, windowEnd, before));
  }

  private static boolean held(long sent, long received, long stop, long cont) {
    return sent < cont && (sent >= stop || received >= cont);
  }

  /** Nanoseconds from {@code cont} to the first normal slice, or -1 when none is normal. */
  private long recovered(long cont, long windowEnd, Histogram before) {
    if (before.getTotalCount() == 0) {
      return -1;
    }
    long normal = before.getValueAtPercentile(99);
    for (long slice = cont; slice + SLICE_NANOS <= windowEnd; slice += SLICE_NANOS) {
      Histogram latencies = histogram();
      for (int i = 0; i < size; i++) {
        if (sent[i] >= slice && sent[i] < slice + SLICE_NANOS) {
          latencies.recordValue(RoundCounter.latencyMicros(sent[i], received[i]));
        }
      }
      if (latencies.getTotalCount() > 0 && latencies.getValueAtPercentile(99) <= normal) {
        return slice - cont;
      }
    }
    return -1;
  }

  private static Histogram histogram() {
    return new Histogram(RoundCounter.MAX_LATENCY_MICROS, 3);
  }

  /** The groups' latencies (microseconds), the drain and the recovery (nanoseconds, -1: never). */
  record Split(Histogram outside, Histogram before, Histogram held, Histogram inFlight, Histogram behind,
      long drainNanos,
      long recoveredNanos) {
    /** Adds the split to a W5 result line. */
    void addTo(JsonObject result) {
      group(result, "Outside", outside);
      group(result, "Before", before);
      group(result, "Held", held);
      group(result, "InFlight", inFlight);
      group(result, "Behind", behind);
      result.addProperty("drainMs", drainNanos / 1_000_000);
      result.addProperty("recoveredMs", recoveredNanos < 0 ? -1 : recoveredNanos / 1_000_000);
    }

    private static void group(JsonObject result, String name, Histogram micros) {
      boolean none = micros.getTotalCount() == 0;
      result.addProperty("samples" + name, micros.getTotalCount());
      result.addProperty("p50" + name + "Ms", none ? -1 : micros.getValueAtPercentile(50) / 1000.0);
      result.addProperty("p99" + name + "Ms", none ? -1 : micros.getValueAtPercentile(99) / 1000.0);
      result.addProperty("max" + name + "Ms", none ? -1 : micros.getMaxValue() / 1000.0);
    }
  }
}

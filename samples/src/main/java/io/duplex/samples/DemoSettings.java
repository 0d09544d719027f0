package io.duplex.samples;

import java.time.Duration;
import java.util.Objects;

/**
 * How fast the demos' simulators run. The defaults suit a person watching; tests use short periods
 * so they never wait long for something to happen.
 *
 * @param quotePeriod how often the ticker moves its prices and pushes them
 * @param clockPeriod how often the clock pushes the server time
 * @param callerPeriod how often a new caller rings the call center (while fewer than maxWaiting wait)
 * @param maxWaiting most callers waiting at once
 * @param initialCallers callers already waiting when the app starts, so the table is never empty
 * @param patience a caller waiting longer than this hangs up
 * @param livePeriod how long each talk of the session rater's "live now" section runs
 * @param seed seeds the simulators' randomness
 */
public record DemoSettings(
    Duration quotePeriod,
    Duration clockPeriod,
    Duration callerPeriod,
    int maxWaiting,
    int initialCallers,
    Duration patience,
    Duration livePeriod,
    long seed) {

  public DemoSettings {
    positive("quotePeriod", quotePeriod);
    positive("clockPeriod", clockPeriod);
    positive("callerPeriod", callerPeriod);
    positive("patience", patience);
    positive("livePeriod", livePeriod);
    if (maxWaiting < 1 || initialCallers < 0 || initialCallers > maxWaiting) {
      throw new IllegalArgumentException(
          "need 1 <= maxWaiting and 0 <= initialCallers <= maxWaiting, got " + maxWaiting + " and " + initialCallers);
    }
  }

  public static DemoSettings defaults() {
    return new DemoSettings(
        Duration.ofMillis(250),
        Duration.ofSeconds(1),
        Duration.ofSeconds(4),
        12,
        4,
        Duration.ofMinutes(5),
        Duration.ofSeconds(45),
        System.nanoTime());
  }

  public DemoSettings withQuotePeriod(Duration period) {
    return new DemoSettings(period, clockPeriod, callerPeriod, maxWaiting, initialCallers, patience, livePeriod, seed);
  }

  public DemoSettings withClockPeriod(Duration period) {
    return new DemoSettings(quotePeriod, period, callerPeriod, maxWaiting, initialCallers, patience, livePeriod, seed);
  }

  public DemoSettings withCallerPeriod(Duration period) {
    return new DemoSettings(quotePeriod, clockPeriod, period, maxWaiting, initialCallers, patience, livePeriod, seed);
  }

  public DemoSettings withLivePeriod(Duration period) {
    return new DemoSettings(quotePeriod, clockPeriod, callerPeriod, maxWaiting, initialCallers, patience, period, seed);
  }

  private static void positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}

package io.duplex.internal.protocol;

import java.util.function.LongSupplier;
import org.slf4j.Logger;

/** Test access to an IncidentLog with a hand-moved clock. */
public final class IncidentLogClock {
  private IncidentLogClock() {}

  public static IncidentLog withClock(Logger log, LongSupplier nanos) {
    return new IncidentLog(log, nanos);
  }

  public static long interval() {
    return IncidentLog.TRACE_INTERVAL_NANOS;
  }
}

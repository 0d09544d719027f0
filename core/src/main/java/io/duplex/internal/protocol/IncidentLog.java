package io.duplex.internal.protocol;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs incidents (failures the browser sees as {@code SERVER_ERROR} with an id) without letting a
 * client that repeats a failing call fill the disk: every incident gets one line with its id, what
 * failed and the exception type; the full stack trace is logged once per failure site per {@link
 * #TRACE_INTERVAL_NANOS}, and the lines in between name the incident whose trace to read. A failure
 * site is what failed (e.g. {@code Shop.lookup failed}), the exception type and the frame that
 * threw. Thread-safe.
 */
public final class IncidentLog {
  /**
   * One trace per site a minute: enough to see a failure and its cause, while 100 failing calls a
   * second from one client no longer write 100 traces a second (measured: 18 MB in 1.8 s).
   */
  static final long TRACE_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  /**
   * Sites remembered at most; sites come from code locations, so this is only reached by a bug
   * such as generated classes. When full, the memory starts over (more traces, never fewer lines).
   */
  static final int MAX_SITES = 1024;

  private record Traced(long atNanos, String incident) {}

  private final Logger log;
  private final LongSupplier nanoClock;
  private final Map<String, Traced> lastTrace = new ConcurrentHashMap<>();

  /**
   * @param log where incidents are written (at ERROR)
   */
  public IncidentLog(Logger log) {
    this(log, System::nanoTime);
  }

  IncidentLog(Logger log, LongSupplier nanoClock) {
    this.log = Objects.requireNonNull(log, "log");
    this.nanoClock = nanoClock;
  }

  /**
   * Logs one incident.
   *
   * @param incident the id the browser was given
   * @param what what failed, without the exception, e.g. {@code Shop.lookup failed}
   * @param cause the failure, or null when there is none (a timeout)
   */
  public void log(String incident, String what, Throwable cause) {
    if (cause == null) {
      log.error("Incident {}: {}", incident, what);
      return;
    }
    String type = cause.getClass().getName();
    String site = what + '|' + type + '|' + throwFrame(cause);
    long now = nanoClock.getAsLong();
    Traced[] previous = new Traced[1];
    Traced mine = new Traced(now, incident);
    if (lastTrace.size() >= MAX_SITES && !lastTrace.containsKey(site)) {
      lastTrace.clear();
    }
    Traced result =
        lastTrace.compute(
            site,
            (key, last) -> {
              previous[0] = last;
              return last == null || now - last.atNanos() >= TRACE_INTERVAL_NANOS ? mine : last;
            });
    if (result == mine) {
      log.error("Incident {}: {}: {}", incident, what, type, cause);
    } else {
      log.error(
          "Incident {}: {}: {} (stack trace as in incident {}; logged once a minute per site)",
          incident,
          what,
          type,
          previous[0].incident());
    }
  }

  private static String throwFrame(Throwable cause) {
    StackTraceElement[] trace = cause.getStackTrace();
    if (trace.length == 0) {
      return "?";
    }
    StackTraceElement top = trace[0];
    return top.getClassName() + '.' + top.getMethodName() + ':' + top.getLineNumber();
  }
}

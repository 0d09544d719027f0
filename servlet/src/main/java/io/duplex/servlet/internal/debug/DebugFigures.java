package io.duplex.servlet.internal.debug;

import io.duplex.DuplexMetrics;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The debug page's own {@link DuplexMetrics} listener, registered only with {@code debug=true}:
 * calls per method and per error code, and the push-to-write latency. Its keys are exposed method
 * names and error codes, both fixed by the application, so the maps stay small.
 */
final class DebugFigures implements DuplexMetrics {
  private final LongAdder calls = new LongAdder();
  private final Map<String, LongAdder> byMethod = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final LongAdder writes = new LongAdder();
  private final LongAdder writeNanos = new LongAdder();
  private final AtomicLong maxWriteNanos = new AtomicLong();

  @Override
  public void callCompleted(String service, String method, String errorCode, long nanos) {
    calls.increment();
    byMethod.computeIfAbsent(service + "." + method, key -> new LongAdder()).increment();
    if (errorCode != null) {
      errors.computeIfAbsent(errorCode, key -> new LongAdder()).increment();
    }
  }

  @Override
  public void pushWritten(long nanos) {
    writes.increment();
    writeNanos.add(nanos);
    maxWriteNanos.accumulateAndGet(nanos, Math::max);
  }

  long calls() {
    return calls.sum();
  }

  Map<String, Long> byMethod() {
    return sums(byMethod);
  }

  Map<String, Long> errors() {
    return sums(errors);
  }

  long writes() {
    return writes.sum();
  }

  double meanWriteMillis() {
    long count = writes.sum();
    return count == 0 ? 0 : writeNanos.sum() / 1e6 / count;
  }

  double maxWriteMillis() {
    return maxWriteNanos.get() / 1e6;
  }

  private static Map<String, Long> sums(Map<String, LongAdder> adders) {
    Map<String, Long> sorted = new TreeMap<>();
    adders.forEach((key, adder) -> sorted.put(key, adder.sum()));
    return sorted;
  }
}

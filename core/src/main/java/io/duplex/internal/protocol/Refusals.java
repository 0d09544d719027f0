package io.duplex.internal.protocol;

import io.duplex.RefusalCounts;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts refused requests per request-level error code, for {@link io.duplex.Duplex#refusals()}.
 * A LongAdder per code: a flood of refusals on many threads costs no contention.
 */
public final class Refusals {
  private final Map<ErrorCode, LongAdder> counts = new EnumMap<>(ErrorCode.class);

  public Refusals() {
    for (ErrorCode code : ErrorCode.values()) {
      if (isRequestLevel(code)) {
        counts.put(code, new LongAdder());
      }
    }
  }

  /** Counts one refusal; a call-level code (which refuses no request) is ignored. */
  public void count(ErrorCode code) {
    LongAdder adder = counts.get(code);
    if (adder != null) {
      adder.increment();
    }
  }

  public RefusalCounts snapshot() {
    Map<String, Long> byCode = new LinkedHashMap<>();
    counts.forEach((code, adder) -> byCode.put(code.name(), adder.sum()));
    return new RefusalCounts(byCode);
  }

  private static boolean isRequestLevel(ErrorCode code) {
    return code.httpStatus() != 200;
  }
}

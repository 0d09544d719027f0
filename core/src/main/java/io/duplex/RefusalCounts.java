package io.duplex;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many requests the transport refused, per error code (the protocol's request-level codes such
 * as {@code ORIGIN_REJECTED}, {@code UNSUPPORTED_MEDIA_TYPE}, {@code PAYLOAD_TOO_LARGE}, {@code
 * CSRF_REJECTED}, {@code SESSION_UNKNOWN}, {@code NOT_FOUND}), since the {@link Duplex} was built. A
 * snapshot: it does not change; call {@link Duplex#refusals()} again for newer figures. Each
 * refusal is also logged at DEBUG (code, endpoint, remote address) by the transport's logger.
 */
public final class RefusalCounts {
  private final Map<String, Long> byCode;

  /**
   * @param byCode count per error code, in the order to show them; copied
   */
  public RefusalCounts(Map<String, Long> byCode) {
    this.byCode = Collections.unmodifiableMap(new LinkedHashMap<>(byCode));
  }

  /**
   * @param code a request-level error code, e.g. {@code "CSRF_REJECTED"}
   * @return how many requests were refused with it (0 for a code never used)
   */
  public long count(String code) {
    return byCode.getOrDefault(code, 0L);
  }

  /**
   * @return every request-level code with its count (zeros included), in the protocol's order
   */
  public Map<String, Long> byCode() {
    return byCode;
  }

  /**
   * @return all refusals together
   */
  public long total() {
    long total = 0;
    for (long n : byCode.values()) {
      total += n;
    }
    return total;
  }

  @Override
  public String toString() {
    return "RefusalCounts" + byCode;
  }
}

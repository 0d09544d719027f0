package io.duplex.internal.protocol;

import java.lang.reflect.Type;

/**
 * The result of one call: a value (of {@code valueType}, the method's generic return type), no value
 * (void), or an error.
 */
public record CallOutcome(long id, Object value, Type valueType, boolean isVoid, ErrorInfo error) {
  public static CallOutcome success(long id, Object value, Type valueType) {
    return new CallOutcome(id, value, valueType, false, null);
  }

  public static CallOutcome empty(long id) {
    return new CallOutcome(id, null, null, true, null);
  }

  public static CallOutcome failure(long id, ErrorInfo error) {
    return new CallOutcome(id, null, null, false, error);
  }

  public boolean failed() {
    return error != null;
  }
}

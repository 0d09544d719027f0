package io.duplex.internal.remote;

import com.google.gson.JsonElement;
import io.duplex.internal.convert.ConversionException;
import io.duplex.internal.convert.ValueReader;
import java.lang.reflect.Type;

/**
 * How one Java parameter gets its value: read from the JSON argument at {@code jsIndex} with a
 * reader made once at startup, or (injected parameters) taken from the call's context.
 */
final class ParameterBinding {
  final String name;
  final Class<?> type;
  final Type genericType;
  /** Position among the JavaScript arguments; -1 for an injected parameter. */
  final int jsIndex;
  /** The JSON kinds this parameter accepts (bits of {@link JsonKind}). */
  final int kinds;
  private final ValueReader reader;
  private final String label;

  private ParameterBinding(String name, Class<?> type, Type genericType, int jsIndex, ValueReader reader) {
    this.name = name;
    this.type = type;
    this.genericType = genericType;
    this.jsIndex = jsIndex;
    this.reader = reader;
    this.kinds = JsonKinds.accepted(genericType);
    this.label = "argument " + (jsIndex + 1) + " (" + name + "): ";
  }

  static ParameterBinding injected(String name, Class<?> type) {
    return new ParameterBinding(name, type, type, -1, null);
  }

  static ParameterBinding converted(String name, Class<?> type, Type genericType, int jsIndex, ValueReader reader) {
    return new ParameterBinding(name, type, genericType, jsIndex, reader);
  }

  boolean isInjected() {
    return jsIndex < 0;
  }

  Object value(JsonElement json, InvocationContext context) throws BadArgumentException {
    if (jsIndex < 0) {
      return context.unwrap(type);
    }
    Object value;
    try {
      value = reader.read(json);
    } catch (ConversionException e) {
      throw new BadArgumentException(label + e.getMessage());
    }
    if (value == null && type.isPrimitive()) {
      throw new BadArgumentException(label + "expected " + JsonKind.describe(kinds) + ", got null");
    }
    return value;
  }

  /** Null when {@code json}'s kind fits this parameter, else why not. */
  String kindMismatch(JsonElement json) {
    JsonKind kind = JsonKind.of(json);
    return (kinds & kind.bit()) != 0
        ? null
        : label + "expected " + JsonKind.describe(kinds) + ", got " + kind.description();
  }
}

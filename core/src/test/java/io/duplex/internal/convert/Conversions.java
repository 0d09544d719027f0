package io.duplex.internal.convert;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonParser;
import java.lang.reflect.Type;

/** Shared helpers: read JSON text into a declared type, write a value, capture a refusal. */
final class Conversions {
  private final JsonConverter converter;

  Conversions() {
    this(JsonConverter.builder().build());
  }

  Conversions(JsonConverter converter) {
    this.converter = converter;
  }

  JsonConverter converter() {
    return converter;
  }

  Object read(String json, Type type) throws ConversionException {
    return converter.fromJson(JsonParser.parseString(json), type);
  }

  String write(Object value, Type declaredType) {
    return converter.toJson(value, declaredType);
  }

  /** Writes {@code value} as {@code type}, reads the JSON back as {@code type}. */
  Object roundTrip(Object value, Type type) throws ConversionException {
    return read(write(value, type), type);
  }

  /**
   * The message of the refusal to read {@code json} as {@code type}, checked to be browser-safe.
   */
  String refusal(String json, Type type) {
    String message = assertThrows(ConversionException.class, () -> read(json, type)).getMessage();
    assertBrowserSafe(message);
    return message;
  }

  static void assertBrowserSafe(String message) {
    for (String leak : new String[] {"io.duplex", "java.", "com.google", "Exception", "BEGIN_"}) {
      assertFalse(message.contains(leak), () -> "message leaks " + leak + ": " + message);
    }
  }
}

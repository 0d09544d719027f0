package io.duplex.internal.convert;

import com.google.gson.JsonElement;

/**
 * Turns JSON into one declared Java type. Thread-safe; get one from {@link JsonConverter#reader}.
 */
public interface ValueReader {
  /**
   * Converts {@code json} (Java {@code null} counts as JSON {@code null}).
   *
   * @throws ConversionException when the JSON does not fit the type; the message is safe for a
   *     browser
   */
  Object read(JsonElement json) throws ConversionException;
}

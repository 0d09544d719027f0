package io.duplex.internal.convert;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;

/**
 * Writes values of one declared Java type as JSON. Thread-safe; get one from {@link
 * JsonConverter#writer}.
 */
public interface ValueWriter {
  /** Writes {@code value} (may be null) as the next JSON value of {@code out}. */
  void write(Object value, JsonWriter out) throws IOException;

  /** {@code value} as a compact JSON text. */
  String toJson(Object value);
}

package io.duplex.internal.convert;

import com.google.gson.JsonElement;

/** Reads JSON into one declared Java type; made once per type by {@link JsonConverter#reader}. */
public interface ValueReader {
  Object read(JsonElement json) throws ConversionException;
}

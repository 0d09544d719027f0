package io.duplex.internal.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/** Typed access to request fields; every failure is MALFORMED_REQUEST naming the field. */
final class Fields {
  /** Largest integer JavaScript represents exactly. */
  static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private Fields() {}

  static String requiredString(JsonObject object, String name, String path) {
    JsonElement value = object.get(name);
    if (value == null) {
      throw missing(path);
    }
    return asString(value, path);
  }

  /** The string, or null when the field is absent or null. */
  static String optionalString(JsonObject object, String name, String path) {
    JsonElement value = object.get(name);
    return value == null || value.isJsonNull() ? null : asString(value, path);
  }

  static long requiredInteger(JsonObject object, String name, String path, long min) {
    JsonElement value = object.get(name);
    if (value == null) {
      throw missing(path);
    }
    return asInteger(value, path, min);
  }

  static long optionalInteger(JsonObject object, String name, String path, long min, long absent) {
    JsonElement value = object.get(name);
    return value == null ? absent : asInteger(value, path, min);
  }

  static JsonArray requiredArray(JsonObject object, String name, String path) {
    JsonElement value = object.get(name);
    if (value == null) {
      throw missing(path);
    }
    if (!value.isJsonArray()) {
      throw wrongType(path, "an array");
    }
    return value.getAsJsonArray();
  }

  static JsonObject asObject(JsonElement value, String path) {
    if (!value.isJsonObject()) {
      throw wrongType(path, "an object");
    }
    return value.getAsJsonObject();
  }

  private static String asString(JsonElement value, String path) {
    if (value instanceof JsonPrimitive p && p.isString()) {
      return p.getAsString();
    }
    throw wrongType(path, "a string");
  }

  private static long asInteger(JsonElement value, String path, long min) {
    if (value instanceof JsonPrimitive p && p.isNumber()) {
      try {
        long n = Long.parseLong(p.getAsString());
        if (n >= min && n <= MAX_SAFE_INTEGER) {
          return n;
        }
      } catch (NumberFormatException e) {
        // falls through to the common message
      }
    }
    throw wrongType(path, min >= 0 ? "a whole number of at least " + min : "a whole number");
  }

  static ProtocolException missing(String path) {
    return ProtocolException.malformed("Missing field '" + path + "'");
  }

  static ProtocolException wrongType(String path, String expected) {
    return ProtocolException.malformed("Field '" + path + "' must be " + expected);
  }
}

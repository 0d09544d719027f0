package io.duplex.internal.remote;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;

/**
 * The six kinds of JSON value. Sets of kinds are bit masks so that checking an argument against a
 * parameter on the hot path is one AND.
 */
enum JsonKind {
  NULL("null"),
  BOOLEAN("a boolean"),
  NUMBER("a number"),
  STRING("a string"),
  ARRAY("an array"),
  OBJECT("an object");

  static final int ALL = (1 << values().length) - 1;

  private final String description;

  JsonKind(String description) {
    this.description = description;
  }

  int bit() {
    return 1 << ordinal();
  }

  static JsonKind of(JsonElement json) {
    if (json == null || json.isJsonNull()) {
      return NULL;
    }
    if (json.isJsonArray()) {
      return ARRAY;
    }
    if (json.isJsonObject()) {
      return OBJECT;
    }
    JsonPrimitive primitive = json.getAsJsonPrimitive();
    return primitive.isBoolean() ? BOOLEAN : primitive.isNumber() ? NUMBER : STRING;
  }

  static int mask(JsonKind... kinds) {
    int mask = 0;
    for (JsonKind kind : kinds) {
      mask |= kind.bit();
    }
    return mask;
  }

  /** "a number or a string", for messages; {@code null} is left out, it is rarely the point. */
  static String describe(int mask) {
    List<String> names = new ArrayList<>();
    for (JsonKind kind : values()) {
      if (kind != NULL && (mask & kind.bit()) != 0) {
        names.add(kind.description);
      }
    }
    if (names.isEmpty()) {
      return "null";
    }
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
  }

  String description() {
    return description;
  }
}

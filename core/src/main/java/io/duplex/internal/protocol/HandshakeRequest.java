package io.duplex.internal.protocol;

import com.google.gson.JsonObject;

/** {@code POST /session}: {@code {"v":1,"page":"/chat.html?room=1"}}. */
public record HandshakeRequest(String page) {
  static HandshakeRequest from(JsonObject body) {
    return new HandshakeRequest(Fields.requiredString(body, "page", "page"));
  }
}

package io.duplex.internal.protocol;

import com.google.gson.JsonObject;

/** {@code POST /unload}: the page is going away. */
public record UnloadRequest(String session, String csrf) implements SessionRequest {
  static UnloadRequest from(JsonObject body) {
    return new UnloadRequest(
        Fields.requiredString(body, "session", "session"), Fields.optionalString(body, "csrf", "csrf"));
  }
}

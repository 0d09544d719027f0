package io.duplex.internal.protocol;

import com.google.gson.JsonObject;

/** {@code POST /ack}: the page ran every reverse call up to {@code ack}. */
public record AckRequest(String session, String csrf, long ack) implements SessionRequest {
  static AckRequest from(JsonObject body) {
    return new AckRequest(
        Fields.requiredString(body, "session", "session"),
        Fields.optionalString(body, "csrf", "csrf"),
        Fields.requiredInteger(body, "ack", "ack", 0));
  }
}

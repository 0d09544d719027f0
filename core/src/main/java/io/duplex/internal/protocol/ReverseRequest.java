package io.duplex.internal.protocol;

import com.google.gson.JsonObject;

/** {@code POST /reverse}: asks for queued reverse calls after {@code ack}. */
public record ReverseRequest(String session, String csrf, long ack) implements SessionRequest {
  static ReverseRequest from(JsonObject body) {
    return new ReverseRequest(
        Fields.requiredString(body, "session", "session"),
        Fields.optionalString(body, "csrf", "csrf"),
        Fields.optionalInteger(body, "ack", "ack", 0, 0));
  }
}

package io.duplex.internal.protocol;

import com.google.gson.JsonObject;
import java.util.List;

/** {@code POST /ack}: the page ran every reverse call up to {@code ack}, and its answers. */
public record AckRequest(String session, String csrf, long ack, List<Answer> answers) implements SessionRequest {
  static AckRequest from(JsonObject body) {
    return new AckRequest(
        Fields.requiredString(body, "session", "session"),
        Fields.optionalString(body, "csrf", "csrf"),
        Fields.requiredInteger(body, "ack", "ack", 0),
        Answer.listFrom(body));
  }
}

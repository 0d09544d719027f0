package io.duplex.internal.protocol;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * {@code POST /reverse}: asks for queued reverse calls after {@code ack}. {@code conn} numbers the
 * page's reverse requests (0 when absent), so a late copy of one the page gave up on is told apart
 * from its newer one.
 */
public record ReverseRequest(String session, String csrf, long ack, long conn, List<Answer> answers) implements SessionRequest {
  static ReverseRequest from(JsonObject body) {
    return new ReverseRequest(
        Fields.requiredString(body, "session", "session"),
        Fields.optionalString(body, "csrf", "csrf"),
        Fields.optionalInteger(body, "ack", "ack", 0, 0),
        Fields.optionalInteger(body, "conn", "conn", 0, 0),
        Answer.listFrom(body));
  }
}

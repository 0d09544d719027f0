package io.duplex.internal.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /reverse}: asks for queued reverse calls after {@code ack}. {@code conn} numbers the
 * page's reverse requests (0 when absent), so a late copy of one the page gave up on is told apart
 * from its newer one. {@code pages} lists the other pages (tabs) of the same browser this held
 * connection also carries, each with its own session, token and ack (protocol section 4.4).
 */
public record ReverseRequest(
    String session, String csrf, long ack, long conn, List<Answer> answers, List<AckRequest> pages)
    implements SessionRequest {
  static ReverseRequest from(JsonObject body) {
    return new ReverseRequest(
        Fields.requiredString(body, "session", "session"),
        Fields.optionalString(body, "csrf", "csrf"),
        Fields.optionalInteger(body, "ack", "ack", 0, 0),
        Fields.optionalInteger(body, "conn", "conn", 0, 0),
        Answer.listFrom(body),
        pages(body));
  }

  private static List<AckRequest> pages(JsonObject body) {
    if (body.get("pages") == null) {
      return List.of();
    }
    JsonArray array = Fields.requiredArray(body, "pages", "pages");
    List<AckRequest> pages = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonElement page = array.get(i);
      pages.add(AckRequest.from(Fields.asObject(page, "pages[" + i + "]")));
    }
    return List.copyOf(pages);
  }
}

package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.ReverseAjax;
import io.duplex.servlet.DuplexTestClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Polling: {@code /reverse} answers at once; {@code /ack} and {@code /unload}. */
class ReverseEndpointTest {
  @RegisterExtension
  static final RunningServer app =
      new RunningServer(() -> Duplex.builder()
          .expose(TestServices.Echo.class)
          .reverseAjax(ReverseAjax.POLLING)
          .pollIntervalMillis(500)
          .build());

  private static JsonArray calls(Response r) {
    assertEquals(200, r.status(), r.body());
    JsonObject reverse = r.json().getAsJsonObject("reverse");
    return reverse.has("calls") ? reverse.getAsJsonArray("calls") : new JsonArray();
  }

  @Test
  void handshakeAnnouncesPolling() {
    JsonObject reverse = app.server().client().handshake("/poll.html").handshakeResponse().getAsJsonObject("reverse");
    assertEquals("polling", reverse.get("mode").getAsString());
    assertEquals(500, reverse.get("pollIntervalMillis").getAsLong());
  }

  @Test
  void aPollWithNothingQueuedAnswersAtOnceWithAnEmptyReverseObject() {
    DuplexTestClient page = app.server().client().handshake("/poll.html");
    Response r = page.reverse();
    assertEquals(200, r.status());
    assertEquals(1, r.json().get("v").getAsInt());
    assertEquals("{}", r.json().getAsJsonObject("reverse").toString());
  }

  @Test
  void pollsDeliverInOrderAndResendUntilAcknowledged() {
    DuplexTestClient page = app.server().client().handshake("/poll.html");
    app.duplex().browser().session(page.session()).call("app.a", 1);
    app.duplex().browser().session(page.session()).call("app.b", 2);
    JsonArray first = calls(page.reverse());
    assertEquals(2, first.size());
    assertEquals("app.a", first.get(0).getAsJsonObject().get("fn").getAsString());
    assertEquals(1, first.get(0).getAsJsonObject().get("seq").getAsLong());
    assertEquals("app.b", first.get(1).getAsJsonObject().get("fn").getAsString());
    assertEquals(2, first.get(1).getAsJsonObject().get("seq").getAsLong());

    assertEquals(2, calls(page.reverse()).size(), "lost response: the next poll gets them again");
    app.duplex().browser().session(page.session()).call("app.c", 3);
    JsonArray afterAck = calls(page.ack(2).reverse());
    assertEquals(1, afterAck.size());
    assertEquals(3, afterAck.get(0).getAsJsonObject().get("seq").getAsLong());
    assertEquals(0, calls(page.ack(3).reverse()).size());
  }

  @Test
  void ackDropsDeliveredCallsAndAnswers204() {
    DuplexTestClient page = app.server().client().handshake("/poll.html");
    app.duplex().browser().session(page.session()).call("app.a");
    app.duplex().browser().session(page.session()).call("app.b");
    Response ack = page.sendAck(1);
    assertEquals(204, ack.status());
    assertEquals("", ack.body());
    JsonArray rest = calls(page.reverse());
    assertEquals(1, rest.size(), "entry 1 was dropped even though this poll says ack 0");
    assertEquals("app.b", rest.get(0).getAsJsonObject().get("fn").getAsString());
  }

  @Test
  void unloadEndsThePage() {
    DuplexTestClient page = app.server().client().handshake("/poll.html");
    assertEquals(1, app.duplex().browser().session(page.session()).count());
    Response unload = page.unload();
    assertEquals(204, unload.status());
    assertEquals(0, app.duplex().browser().session(page.session()).count());
    assertEquals("SESSION_UNKNOWN", page.reverse().errorCode());
    assertFalse(app.duplex().browser().page("/poll.html").sessions().stream().anyMatch(s -> s.id().equals(page.session())));
  }
}

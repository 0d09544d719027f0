package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.QueueStats;
import io.duplex.ReverseAjax;
import io.duplex.Targets;
import io.duplex.servlet.DuplexTestClient.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A copy of a reverse request the page gave up on (its connection broke) can reach the server after
 * the page's next one. Numbered with {@code conn}, it must not take over: the page would stop
 * reading on {@code close: replaced} and get no more reverse calls.
 */
class LateReverseRequestTest {
  private static final long HOLD_MILLIS = 5_000;
  private static Duplex streaming;
  private static Duplex longPoll;
  private static TestServer streamingServer;
  private static TestServer longPollServer;

  @BeforeAll
  static void start() {
    streaming = Duplex.builder().reverseAjax(ReverseAjax.COMET).streaming(true).maxHoldMillis(HOLD_MILLIS).build();
    longPoll = Duplex.builder().reverseAjax(ReverseAjax.COMET).streaming(false).maxHoldMillis(HOLD_MILLIS).build();
    streamingServer = TestServer.start(streaming);
    longPollServer = TestServer.start(longPoll);
  }

  @AfterAll
  static void stop() throws Exception {
    streamingServer.close();
    longPollServer.close();
    streaming.close();
    longPoll.close();
  }

  @Test
  void aLateOrRepeatedStreamRequestIsReplacedAtOnceAndTheHeldOneGoesOn() {
    DuplexTestClient page = streamingServer.client().handshake("/late.html");
    try (ReverseStream live = page.openStream(2)) {
      assertTrue(live.next().has("open"));
      for (long late : new long[] {1, 2}) {
        try (ReverseStream copy = page.openStream(late)) {
          assertTrue(copy.next().has("open"));
          assertEquals("{\"close\":\"replaced\"}", copy.nextSkippingHeartbeats().toString(), "conn " + late);
          assertNull(copy.next(), "the late copy's response ends");
        }
      }
      streaming.browser().session(page.session()).call("app.n", 1);
      JsonObject delivery = live.nextSkippingHeartbeats();
      assertEquals(1, delivery.getAsJsonObject("reverse").getAsJsonArray("calls").get(0).getAsJsonObject().get("seq").getAsLong());

      try (ReverseStream newer = page.ack(1).openStream(3)) {
        assertTrue(newer.next().has("open"));
        assertEquals("{\"close\":\"replaced\"}", live.nextSkippingHeartbeats().toString(), "a newer one still takes over");
      }
    }
  }

  @Test
  void aLatePollIsAnsweredEmptyAtOnceAndTheHeldPollGetsTheCalls() throws Exception {
    DuplexTestClient page = longPollServer.client().handshake("/late.html");
    Targets target = longPoll.browser().session(page.session());
    target.call("app.n", 1);
    assertEquals(1, calls(page.reverse(1)).get(0).getAsJsonObject().get("seq").getAsLong());

    CompletableFuture<Response> live = CompletableFuture.supplyAsync(() -> page.ack(1).reverse(3));
    // Its ack shows the live poll has reached the server.
    Await.until(() -> queue(page).ackedSeq() == 1, "the live poll to arrive");
    Response late = page.reverse(2);
    assertEquals(200, late.status(), late.body());
    assertEquals("{}", late.json().getAsJsonObject("reverse").toString());
    assertFalse(live.isDone(), "the live poll is still held");

    target.call("app.n", 2);
    JsonArray calls = calls(live.get(10, TimeUnit.SECONDS));
    assertEquals(2, calls.get(0).getAsJsonObject().get("seq").getAsLong(), calls.toString());
  }

  private static JsonArray calls(Response response) {
    assertEquals(200, response.status(), response.body());
    JsonObject reverse = response.json().getAsJsonObject("reverse");
    assertTrue(reverse.has("calls"), reverse.toString());
    return reverse.getAsJsonArray("calls");
  }

  private static QueueStats queue(DuplexTestClient page) {
    return longPoll.browser().session(page.session()).sessions().iterator().next().queueStats();
  }
}

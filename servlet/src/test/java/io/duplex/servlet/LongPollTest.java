package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.duplex.Duplex;
import io.duplex.ReverseAjax;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Comet long poll: held until there is something to deliver, then one JSON answer. */
class LongPollTest {
  private static final long HOLD_MILLIS = 1_500;
  @RegisterExtension
  static final RunningServer app =
      new RunningServer(() -> Duplex.builder()
          .reverseAjax(ReverseAjax.COMET)
          .streaming(false)
          .maxHoldMillis(HOLD_MILLIS)
          .maxWaitAfterWriteMillis(300)
          .build());

  /** Starts a poll and waits until the server holds it (the only request in progress). */
  private static CompletableFuture<JsonObject> heldPoll(DuplexTestClient page) {
    Await.until(() -> app.server().activeRequests() == 0, "earlier requests to finish");
    CompletableFuture<JsonObject> poll = CompletableFuture.supplyAsync(() -> {
      DuplexTestClient.Response r = page.reverse();
      assertEquals(200, r.status(), r.body());
      assertTrue(r.header("Content-Type").orElseThrow().startsWith("application/json"));
      return r.json();
    });
    Await.until(() -> isHeld(page) || poll.isDone(), "the poll to be held");
    assertFalse(poll.isDone(), "held, not answered");
    return poll;
  }

  private static boolean isHeld(DuplexTestClient page) {
    return app.duplex().browser().session(page.session()).sessions().stream()
        .anyMatch(s -> ((io.duplex.internal.reverse.ScriptSessionImpl) s).isHeld());
  }

  private static JsonArray calls(JsonObject answer) {
    JsonObject reverse = answer.getAsJsonObject("reverse");
    return reverse.has("calls") ? reverse.getAsJsonArray("calls") : new JsonArray();
  }

  @Test
  void waitingEntriesAreAnsweredAtOnce() {
    DuplexTestClient page = app.server().client().handshake("/lp.html");
    app.duplex().browser().session(page.session()).call("app.waiting");
    JsonObject answer = page.reverse().json();
    assertEquals(1, answer.get("v").getAsInt());
    assertEquals("app.waiting", calls(answer).get(0).getAsJsonObject().get("fn").getAsString());
  }

  @Test
  void aHeldPollIsAnsweredWhenCallsAreQueuedAndCallsQueuedTogetherTravelTogether() throws Exception {
    DuplexTestClient page = app.server().client().handshake("/lp.html");
    CompletableFuture<JsonObject> poll = heldPoll(page);
    app.duplex().browser().session(page.session()).call("app.one");
    app.duplex().browser().session(page.session()).call("app.two");
    JsonArray calls = calls(poll.get());
    assertEquals(2, calls.size(), calls.toString());
    assertEquals(1, calls.get(0).getAsJsonObject().get("seq").getAsLong());
    assertEquals(2, calls.get(1).getAsJsonObject().get("seq").getAsLong());
  }

  @Test
  void aPollWithNothingToDeliverEndsAfterTheHoldWithAnEmptyObject() throws Exception {
    DuplexTestClient page = app.server().client().handshake("/lp.html");
    JsonObject answer = heldPoll(page).get();
    assertEquals("{}", answer.getAsJsonObject("reverse").toString());
    assertEquals(200, page.batch().status(), "the session is still there");
  }

  @Test
  void aNewerPollReplacesTheHeldOneWhichAnswersEmpty() throws Exception {
    DuplexTestClient page = app.server().client().handshake("/lp.html");
    CompletableFuture<JsonObject> first = heldPoll(page);
    CompletableFuture<JsonObject> second = CompletableFuture.supplyAsync(() -> page.reverse().json());
    assertEquals("{}", first.get().getAsJsonObject("reverse").toString());
    Await.until(() -> app.server().activeRequests() == 1, "only the second poll to be held");
    app.duplex().browser().session(page.session()).call("app.forSecond");
    assertEquals("app.forSecond", calls(second.get()).get(0).getAsJsonObject().get("fn").getAsString());
  }

  @Test
  void endingTheSessionAnswersTheHeldPoll() throws Exception {
    DuplexTestClient page = app.server().client().handshake("/lp.html");
    CompletableFuture<JsonObject> poll = heldPoll(page);
    app.duplex().browser().session(page.session()).sessions().forEach(s -> s.invalidate());
    assertEquals("{}", poll.get().getAsJsonObject("reverse").toString());
    assertEquals("SESSION_UNKNOWN", page.reverse().errorCode());
  }

  @Test
  void longPollAnswersHaveALength() {
    DuplexTestClient page = app.server().client().handshake("/lp.html");
    app.duplex().browser().session(page.session()).call("app.x", "é");
    try (ReverseStream stream = page.openStream()) {
      HttpResponse.ResponseInfo response = stream.response();
      JsonObject answer = stream.next();
      assertEquals("app.x", calls(answer).get(0).getAsJsonObject().get("fn").getAsString());
      long length = Long.parseLong(response.headers().firstValue("Content-Length").orElseThrow());
      assertEquals(JsonParser.parseString(answer.toString()).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length, length);
    }
  }
}

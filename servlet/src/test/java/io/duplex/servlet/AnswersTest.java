package io.duplex.servlet;

import static io.duplex.servlet.DuplexTestClient.call;
import static io.duplex.servlet.DuplexTestClient.json;
import static io.duplex.servlet.DuplexTestClient.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.PageAnswer;
import io.duplex.PageAnswerException;
import io.duplex.ReverseAjax;
import io.duplex.servlet.DuplexTestClient.Response;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Asks answered over real HTTP and a real WebSocket (protocol section 4.7): the test client plays
 * the page, reading the asking entry and sending its answer on a request body or an ack frame.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnswersTest {
  private static final int MAX_BODY = 4_096;
  private Duplex polling;
  private Duplex sockets;
  private TestServer http;
  private TestServer ws;

  @BeforeAll
  void start() {
    polling = Duplex.builder().expose(TestServices.Echo.class).reverseAjax(ReverseAjax.POLLING).maxBodyBytes(MAX_BODY).build();
    http = TestServer.start(polling);
    sockets = Duplex.builder().expose(TestServices.Echo.class).reverseAjax(ReverseAjax.WEBSOCKET).maxBodyBytes(MAX_BODY).build();
    ws = TestServer.start(sockets);
  }

  @AfterAll
  void stop() throws Exception {
    try {
      http.close();
      ws.close();
    } finally {
      polling.close();
      sockets.close();
    }
  }

  /** The one entry a poll brings, which must be an ask. */
  private static JsonObject askedOn(DuplexTestClient page) {
    JsonObject entry = page.reverse().json().getAsJsonObject("reverse").getAsJsonArray("calls").get(0).getAsJsonObject();
    assertTrue(entry.has("answer"), entry.toString());
    return entry;
  }

  private static String answerBody(DuplexTestClient page, long ack, Object... answers) {
    return json("v", 1, "session", page.session(), "csrf", page.csrf(), "ack", ack, "answers", List.of(answers));
  }

  private static <T> T settled(CompletableFuture<T> future) {
    return future.orTimeout(10, TimeUnit.SECONDS).join();
  }

  private static PageAnswerException failure(CompletableFuture<?> future) {
    CompletionException thrown = assertThrows(CompletionException.class, () -> settled(future));
    return assertInstanceOf(PageAnswerException.class, thrown.getCause());
  }

  @Test
  void answerOnAnAckCompletesTheAskConverted() {
    DuplexTestClient page = http.client().handshake("/agent.html");
    CompletableFuture<Integer> load = polling.browser().session(page.session()).ask(Integer.class, "agent.load", "today");

    JsonObject entry = askedOn(page);
    assertEquals("agent.load", entry.get("fn").getAsString());
    assertFalse(load.isDone());
    Response ack = page.post("ack", answerBody(page, entry.get("seq").getAsLong(), map("id", entry.get("answer"), "value", 4)));

    assertEquals(204, ack.status());
    assertEquals(4, settled(load));
    assertEquals(0, polling.browser().session(page.session()).sessions().iterator().next().queueStats().depth());
  }

  @Test
  void answersRideOnCallAndReverseBodiesToo() {
    DuplexTestClient page = http.client().handshake("/agent.html");
    var target = polling.browser().session(page.session());
    CompletableFuture<String> first = target.ask(String.class, "agent.name");
    long firstId = askedOn(page).get("answer").getAsLong();

    Response batch = page.post("call", json("v", 1, "session", page.session(), "csrf", page.csrf(), "ack", 1,
        "calls", List.of(map("id", 1, "service", "Echo", "method", "echo", "args", List.of("x"))),
        "answers", List.of(map("id", firstId, "value", "ann"))));
    assertEquals(200, batch.status());
    assertEquals("x", batch.results().get(0).getAsJsonObject().get("value").getAsString());
    assertEquals("ann", settled(first));

    CompletableFuture<String> second = target.ask(String.class, "agent.name");
    long secondId = askedOn(page).get("answer").getAsLong();
    Response poll = page.post("reverse", answerBody(page, 2, map("id", secondId, "error", "no name yet")));
    assertEquals(200, poll.status());
    PageAnswerException failure = failure(second);
    assertEquals(PageAnswerException.Reason.ERROR, failure.reason());
    assertEquals("no name yet", failure.getMessage());
  }

  @Test
  void anAnswerToAnAskNeverSentIsRefusedAndTheServerServesOn() {
    DuplexTestClient page = http.client().handshake("/agent.html");
    CompletableFuture<Boolean> free = polling.browser().session(page.session()).ask(Boolean.class, "agent.isFree");
    long id = askedOn(page).get("answer").getAsLong();

    Response forged = page.post("ack", answerBody(page, 1, map("id", id + 1_000, "value", true)));
    assertEquals(400, forged.status());
    assertEquals("ANSWER_UNKNOWN", forged.errorCode());
    Response malformed = page.post("ack", answerBody(page, 1, map("value", true)));
    assertEquals("MALFORMED_REQUEST", malformed.errorCode());
    assertTrue(malformed.errorMessage().contains("answers[0].id"), malformed.errorMessage());
    assertFalse(free.isDone());

    assertEquals(204, page.post("ack", answerBody(page, 1, map("id", id, "value", true))).status());
    assertTrue(settled(free));
    // A repeat of an answer already taken is ignored.
    assertEquals(204, page.post("ack", answerBody(page, 1, map("id", id, "value", false))).status());
  }

  @Test
  void anAnswerLargerThanMaxBodyBytesIsRefusedAndTheAskStillWaits() {
    DuplexTestClient page = http.client().handshake("/agent.html");
    CompletableFuture<String> text = polling.browser().session(page.session()).ask(String.class, "agent.text");
    long id = askedOn(page).get("answer").getAsLong();

    Response huge = page.post("ack", answerBody(page, 1, map("id", id, "value", "x".repeat(MAX_BODY))));
    assertEquals(413, huge.status());
    assertFalse(text.isDone());
    page.post("ack", answerBody(page, 1, map("id", id, "error", "The server refused the answer (PAYLOAD_TOO_LARGE)")));
    assertEquals(PageAnswerException.Reason.ERROR, failure(text).reason());
  }

  @Test
  void aPageThatUnloadsFailsItsAsksWithPageGone() {
    DuplexTestClient one = http.client().handshake("/agents.html");
    DuplexTestClient two = http.client().handshake("/agents.html");
    CompletableFuture<List<PageAnswer<Boolean>>> all = polling.browser().page("/agents.html").askAll(Boolean.class, "agent.isFree");
    long id = askedOn(one).get("answer").getAsLong();
    askedOn(two);

    one.post("ack", answerBody(one, 1, map("id", id, "value", true)));
    assertEquals(204, two.unload().status());

    List<PageAnswer<Boolean>> answers = settled(all);
    assertEquals(2, answers.size());
    PageAnswer<Boolean> answered = answers.stream().filter(a -> a.session().id().equals(one.session())).findFirst().orElseThrow();
    PageAnswer<Boolean> gone = answers.stream().filter(a -> a.session().id().equals(two.session())).findFirst().orElseThrow();
    assertEquals(Boolean.TRUE, answered.value());
    assertEquals(PageAnswerException.Reason.PAGE_GONE, gone.failure().reason());
  }

  @Test
  void onAWebSocketTheAnswerComesInAnAckFrame() {
    DuplexTestClient page = ws.client().handshake("/agent.html");
    try (TestSocket socket = TestSocket.connect(page).open(1)) {
      assertTrue(socket.next().has("open"));
      CompletableFuture<Boolean> free = sockets.browser().session(page.session()).ask(Boolean.class, "agent.isFree", "ann");
      JsonObject entry = socket.nextSkippingHeartbeats().getAsJsonObject("reverse").getAsJsonArray("calls").get(0).getAsJsonObject();
      long id = entry.get("answer").getAsLong();

      // A forged id is refused with the frame's number; the socket serves on.
      socket.send(json("n", 5, "op", "ack", "v", 1, "session", page.session(), "csrf", page.csrf(), "ack", 1,
          "answers", List.of(map("id", id + 1_000, "value", true))));
      assertEquals("ANSWER_UNKNOWN", socket.answer(5).getAsJsonObject("error").get("code").getAsString());
      socket.send(json("n", 6, "op", "ack", "v", 1, "session", page.session(), "csrf", page.csrf(), "ack", 1,
          "answers", List.of(map("id", id, "value", true))));

      assertTrue(settled(free));
      socket.call(7, call(1, "Echo", "echo", "still open"));
      assertEquals("still open",
          socket.answer(7).getAsJsonArray("results").get(0).getAsJsonObject().get("value").getAsString());
    }
  }
}

package io.duplex.servlet;

import static io.duplex.servlet.DuplexTestClient.json;
import static io.duplex.servlet.DuplexTestClient.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.ReverseAjax;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tabs of one browser share one held connection (protocol section 4.4, {@code pages}; 4.6,
 * {@code join}/{@code leave}): one request or socket carries several pages of the same HTTP
 * session, each gets its own reverse calls exactly once and in order, tagged with its session; a
 * page of another HTTP session is refused without harming the others; and the shared connection
 * counts once against maxHeldPerHttpSession (here 1).
 */
class SharedConnectionTest {
  private static Duplex streaming;
  private static Duplex socket;
  private static Duplex longPoll;
  private static TestServer streamingServer;
  private static TestServer socketServer;
  private static TestServer longPollServer;

  @BeforeAll
  static void start() {
    streaming = Duplex.builder().reverseAjax(ReverseAjax.COMET).maxHeldPerHttpSession(1).heartbeatMillis(300).build();
    socket = Duplex.builder().expose(TestServices.Echo.class).reverseAjax(ReverseAjax.WEBSOCKET).maxHeldPerHttpSession(1).heartbeatMillis(300).build();
    longPoll = Duplex.builder().reverseAjax(ReverseAjax.COMET).streaming(false).maxHeldPerHttpSession(1).build();
    streamingServer = TestServer.start(streaming);
    socketServer = TestServer.start(socket);
    longPollServer = TestServer.start(longPoll);
  }

  @AfterAll
  static void stop() throws Exception {
    streamingServer.close();
    socketServer.close();
    longPollServer.close();
    streaming.close();
    socket.close();
    longPoll.close();
  }

  /** One browser (one cookie jar) with {@code n} pages: their sessions and tokens, in order. */
  private static List<String[]> tabs(DuplexTestClient browser, int n) {
    List<String[]> tabs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      browser.handshake("/tab" + i + ".html");
      tabs.add(new String[] {browser.session(), browser.csrf()});
    }
    return tabs;
  }

  private static Map<String, Object> page(String[] tab) {
    return map("session", tab[0], "csrf", tab[1], "ack", 0);
  }

  private static void push(Duplex duplex, String session, int count) {
    for (int i = 1; i <= count; i++) {
      duplex.browser().session(session).call("app.n", i);
    }
  }

  /** Seqs received per session (untagged lines: {@code own}) from a reverse object. */
  private static void collect(Map<String, List<Long>> got, String session, JsonObject reverse) {
    JsonArray calls = reverse.getAsJsonArray("calls");
    if (calls == null) {
      return;
    }
    for (JsonElement call : calls) {
      JsonObject entry = call.getAsJsonObject();
      assertEquals(entry.get("seq").getAsLong(), entry.getAsJsonArray("args").get(0).getAsLong(),
          "the page's own calls, numbered from 1: " + entry);
      got.computeIfAbsent(session, s -> new ArrayList<>()).add(entry.get("seq").getAsLong());
    }
  }

  private static int total(Map<String, List<Long>> got) {
    return got.values().stream().mapToInt(List::size).sum();
  }

  @Test
  void oneStreamCarriesThreeTabsEachGettingItsOwnCallsOnceAndCountsOnce() {
    DuplexTestClient browser = streamingServer.client();
    List<String[]> tabs = tabs(browser, 4);
    assertTrue(browser.handshakeResponse().getAsJsonObject("reverse").get("share").getAsBoolean());
    browser.useSession(tabs.get(0)[0], tabs.get(0)[1]);
    String body = json("v", 1, "session", tabs.get(0)[0], "csrf", tabs.get(0)[1], "ack", 0, "conn", 1,
        "pages", List.of(page(tabs.get(1)), page(tabs.get(2))));
    try (ReverseStream stream = browser.openStreamWith(body)) {
      assertTrue(stream.next().has("open"));
      Await.until(() -> streaming.heldConnections().total() == 1, "one held connection");
      push(streaming, tabs.get(0)[0], 3);
      push(streaming, tabs.get(1)[0], 4);
      push(streaming, tabs.get(2)[0], 5);
      Map<String, List<Long>> got = new LinkedHashMap<>();
      while (total(got) < 12) {
        JsonObject line = stream.nextSkippingHeartbeats();
        assertTrue(line.has("reverse"), line.toString());
        collect(got, line.has("s") ? line.get("s").getAsString() : tabs.get(0)[0], line.getAsJsonObject("reverse"));
      }
      assertEquals(List.of(1L, 2L, 3L), got.get(tabs.get(0)[0]));
      assertEquals(List.of(1L, 2L, 3L, 4L), got.get(tabs.get(1)[0]));
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L), got.get(tabs.get(2)[0]));
      assertEquals(1, streaming.heldConnections().total());

      // The shared connection took the browser's one slot once: a fourth page holding its own is refused.
      browser.useSession(tabs.get(3)[0], tabs.get(3)[1]);
      JsonObject refused;
      try (ReverseStream own = browser.openStreamWith(json("v", 1, "session", tabs.get(3)[0], "csrf", tabs.get(3)[1], "ack", 0, "conn", 1))) {
        refused = own.next();
      }
      assertEquals("poll", refused.get("advice").getAsString(), refused.toString());
      assertEquals(1, streaming.heldConnections().total());
    }
    Await.until(() -> streaming.heldConnections().total() == 0, "the connection to be counted out once it ended");
  }

  @Test
  void aPageOfAnotherBrowserIsRefusedAndTheOthersAreCarried() {
    DuplexTestClient browser = streamingServer.client();
    List<String[]> tabs = tabs(browser, 2);
    String[] stranger = tabs(streamingServer.client(), 1).get(0);
    String body = json("v", 1, "session", tabs.get(0)[0], "csrf", tabs.get(0)[1], "ack", 0, "conn", 1,
        "pages", List.of(map("session", stranger[0], "csrf", tabs.get(0)[1], "ack", 0), page(tabs.get(1))));
    try (ReverseStream stream = browser.openStreamWith(body)) {
      assertTrue(stream.next().has("open"));
      JsonObject refusal = stream.nextSkippingHeartbeats();
      assertEquals(stranger[0], refusal.get("s").getAsString(), refusal.toString());
      assertEquals("SESSION_MISMATCH", refusal.getAsJsonObject("error").get("code").getAsString());
      push(streaming, stranger[0], 1);
      push(streaming, tabs.get(1)[0], 1);
      JsonObject line = stream.nextSkippingHeartbeats();
      assertEquals(tabs.get(1)[0], line.get("s").getAsString(), "only the carried page's call: " + line);
      assertEquals(1, line.getAsJsonObject("reverse").getAsJsonArray("calls").size());
    }
  }

  @Test
  void oneSocketCarriesTabsThatJoinAndLeave() {
    DuplexTestClient browser = socketServer.client();
    List<String[]> tabs = tabs(browser, 4);
    String[] stranger = tabs(socketServer.client(), 1).get(0);
    browser.useSession(tabs.get(0)[0], tabs.get(0)[1]);
    try (TestSocket ws = TestSocket.connect(browser)) {
      ws.send(json("v", 1, "op", "open", "session", tabs.get(0)[0], "csrf", tabs.get(0)[1], "ack", 0, "conn", 1,
          "pages", List.of(page(tabs.get(1)))));
      assertTrue(ws.next().has("open"));
      ws.send(json("v", 1, "op", "join", "session", tabs.get(2)[0], "csrf", tabs.get(2)[1], "ack", 0));
      ws.send(json("v", 1, "op", "join", "session", stranger[0], "csrf", tabs.get(0)[1], "ack", 0));
      JsonObject refusal = ws.nextSkippingHeartbeats();
      assertEquals(stranger[0], refusal.get("s").getAsString(), refusal.toString());
      assertEquals("SESSION_MISMATCH", refusal.getAsJsonObject("error").get("code").getAsString());
      assertEquals(1, socket.heldConnections().total());

      push(socket, tabs.get(0)[0], 2);
      push(socket, tabs.get(1)[0], 3);
      push(socket, tabs.get(2)[0], 4);
      Map<String, List<Long>> got = new LinkedHashMap<>();
      while (total(got) < 9) {
        JsonObject line = ws.nextSkippingHeartbeats();
        assertTrue(line.has("reverse"), line.toString());
        collect(got, line.has("s") ? line.get("s").getAsString() : tabs.get(0)[0], line.getAsJsonObject("reverse"));
      }
      assertEquals(List.of(1L, 2L), got.get(tabs.get(0)[0]));
      assertEquals(List.of(1L, 2L, 3L), got.get(tabs.get(1)[0]));
      assertEquals(List.of(1L, 2L, 3L, 4L), got.get(tabs.get(2)[0]));

      // A tab that saw a gap joins again from its ack: what follows it comes again, on the same socket.
      ws.send(json("v", 1, "op", "join", "session", tabs.get(2)[0], "csrf", tabs.get(2)[1], "ack", 2));
      JsonObject again = ws.nextSkippingHeartbeats();
      assertEquals(tabs.get(2)[0], again.get("s").getAsString(), again.toString());
      Map<String, List<Long>> resent = new LinkedHashMap<>();
      collect(resent, tabs.get(2)[0], again.getAsJsonObject("reverse"));
      assertEquals(List.of(3L, 4L), resent.get(tabs.get(2)[0]));

      // The shared socket took the browser's one slot once: a fourth page's own socket is told to poll.
      browser.useSession(tabs.get(3)[0], tabs.get(3)[1]);
      try (TestSocket own = TestSocket.connect(browser).open(1)) {
        JsonObject advice = own.next();
        assertEquals("poll", advice.get("advice").getAsString(), advice.toString());
      }

      ws.send(json("v", 1, "op", "leave", "session", tabs.get(1)[0], "csrf", tabs.get(1)[1]));
      // The leave is taken before the ack frame after it, and that before the call frame: its answer orders them.
      browser.useSession(tabs.get(0)[0], tabs.get(0)[1]);
      ws.call(1, DuplexTestClient.call(1, "Echo", "echo", "x"));
      ws.answer(1);
      push(socket, tabs.get(1)[0], 1);
      push(socket, tabs.get(2)[0], 1);
      JsonObject line = ws.nextSkippingHeartbeats();
      assertEquals(tabs.get(2)[0], line.get("s").getAsString(), "the page that left gets nothing here: " + line);
      assertEquals(5, line.getAsJsonObject("reverse").getAsJsonArray("calls").get(0).getAsJsonObject().get("seq").getAsLong());
      assertEquals(1, socket.heldConnections().total());
    }
    Await.until(() -> socket.heldConnections().total() == 0, "the socket to be counted out once closed");
  }

  @Test
  void aLongPollAnswersForTheTabsItCarries() {
    DuplexTestClient browser = longPollServer.client();
    List<String[]> tabs = tabs(browser, 2);
    browser.useSession(tabs.get(0)[0], tabs.get(0)[1]);
    String body = json("v", 1, "session", tabs.get(0)[0], "csrf", tabs.get(0)[1], "ack", 0, "conn", 1,
        "pages", List.of(page(tabs.get(1))));
    try (ReverseStream poll = browser.openStreamWith(body)) {
      Await.until(() -> longPoll.heldConnections().total() == 1, "the poll to be held");
      // Answered at the first call queued for any page it carries (maxWaitAfterWriteMillis 0).
      push(longPoll, tabs.get(1)[0], 1);
      JsonObject answer = poll.next();
      assertFalse(answer.getAsJsonObject("reverse").has("calls"), answer.toString());
      JsonObject carried = answer.getAsJsonArray("pages").get(0).getAsJsonObject();
      assertEquals(tabs.get(1)[0], carried.get("s").getAsString());
      Map<String, List<Long>> got = new LinkedHashMap<>();
      collect(got, tabs.get(1)[0], carried.getAsJsonObject("reverse"));
      assertEquals(List.of(1L), got.get(tabs.get(1)[0]));
    }
  }
}

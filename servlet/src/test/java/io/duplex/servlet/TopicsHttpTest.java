package io.duplex.servlet;

import static io.duplex.servlet.DuplexTestClient.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.ReverseAjax;
import io.duplex.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Topics over real HTTP (protocol 4.8): a page subscribes with an engine call in an ordinary batch
 * (or socket call frame), and a publish arrives as a numbered entry of its reverse stream, in order
 * with the other reverse calls.
 */
class TopicsHttpTest {
  private Duplex duplex;
  private TestServer server;
  private final List<DeliveryLoop> loops = new ArrayList<>();

  private TestServer start(Duplex.Builder builder) {
    duplex = builder.expose(TestServices.Echo.class).build();
    server = TestServer.builder().duplex(duplex).filter(new TestUserFilter()).start();
    return server;
  }

  @AfterEach
  void stop() throws Exception {
    for (DeliveryLoop loop : loops) {
      loop.close();
    }
    if (server != null) {
      server.close();
    }
    if (duplex != null) {
      duplex.close();
    }
  }

  private DuplexTestClient open(String page) {
    return server.client().handshake(page);
  }

  private PageLoop stream(DuplexTestClient page) {
    PageLoop loop = new PageLoop(page);
    loops.add(loop);
    return loop;
  }

  private static JsonObject ask(DuplexTestClient page, String method, String topic) {
    return page.call("duplex", method, topic);
  }

  private static void assertOk(JsonObject result) {
    assertFalse(result.has("error"), result.toString());
  }

  private static String code(JsonObject result) {
    assertTrue(result.has("error"), result.toString());
    return result.getAsJsonObject("error").get("code").getAsString();
  }

  private static void expectRan(DeliveryLoop loop, String... calls) {
    List<String> expected = List.of(calls);
    Await.until(() -> loop.state().ran().equals(expected), () -> "ran " + loop.state().ran() + ", expected " + expected);
  }

  @Test
  void aSubscribedPageGetsEachMessageOnItsStreamAndOthersDoNot() {
    start(Duplex.builder().topics("prices"));
    DuplexTestClient ann = open("/ticker.html");
    DuplexTestClient bob = open("/ticker.html");
    assertOk(ask(ann, "subscribe", "prices"));
    PageLoop annLoop = stream(ann);
    PageLoop bobLoop = stream(bob);

    Topic prices = duplex.topic("prices");
    assertEquals(1, prices.count());
    assertEquals(1, prices.publish(Map.of("DPLX", 42.5)));
    duplex.browser().page("/ticker.html").call("marker");

    expectRan(annLoop, "topic:prices[{\"DPLX\":42.5}]", "marker[]");
    expectRan(bobLoop, "marker[]");
  }

  @Test
  void messagesAndPageCallsArriveInTheOrderIssued() {
    start(Duplex.builder().topics("prices"));
    DuplexTestClient page = open("/ticker.html");
    assertOk(ask(page, "subscribe", "prices"));
    PageLoop loop = stream(page);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      if (i % 3 == 0) {
        duplex.browser().session(page.session()).call("call", i);
        expected.add("call[" + i + "]");
      } else {
        duplex.topic("prices").publish(i);
        expected.add("topic:prices[" + i + "]");
      }
    }
    expectRan(loop, expected.toArray(String[]::new));
  }

  @Test
  void anUnsubscribedPageGetsNoMoreMessages() {
    start(Duplex.builder().topics("prices"));
    DuplexTestClient page = open("/ticker.html");
    assertOk(ask(page, "subscribe", "prices"));
    PageLoop loop = stream(page);
    duplex.topic("prices").publish(1);
    assertOk(ask(page, "unsubscribe", "prices"));
    assertEquals(0, duplex.topic("prices").publish(2));
    duplex.browser().session(page.session()).call("marker");
    expectRan(loop, "topic:prices[1]", "marker[]");
  }

  @Test
  void aSubscriptionThePolicyRefusesIsRefusedWithItsCodeAndKeepsNothing() {
    start(
        Duplex.builder()
            .topics("prices")
            .topicPolicy((topic, call) -> topic.equals("desk") && call.isUserInRole("trader")));
    DuplexTestClient guest = open("/ticker.html");
    assertEquals("SUBSCRIPTION_REFUSED", code(ask(guest, "subscribe", "news")));
    assertEquals("SUBSCRIPTION_REFUSED", code(ask(guest, "subscribe", "desk")));
    DuplexTestClient trader = server.client();
    DuplexTestClient.Response handshake =
        trader.post(
            "session",
            DuplexTestClient.json("v", 1, "page", "/ticker.html"),
            Map.of(TestUserFilter.USER, "ann", TestUserFilter.ROLES, "trader"));
    trader.useSession(handshake.json().get("session").getAsString(), handshake.json().get("csrf").getAsString());
    DuplexTestClient.Response asTrader =
        trader.post(
            "call",
            DuplexTestClient.json(
                "v", 1, "session", trader.session(), "csrf", trader.csrf(), "ack", 0,
                "calls", List.of(DuplexTestClient.map("id", 1, "service", "duplex", "method", "subscribe", "args", List.of("desk")))),
            Map.of(TestUserFilter.USER, "ann", TestUserFilter.ROLES, "trader"));
    assertOk(asTrader.results().get(0).getAsJsonObject());
    assertEquals(1, duplex.topic("desk").count());
    assertEquals(0, duplex.topic("news").count());
    assertEquals(0, duplex.browser().session(guest.session()).sessions().iterator().next().topics().size());
  }

  @Test
  void aPageThatGoesAwayEndsItsSubscriptions() {
    start(Duplex.builder().topics("prices"));
    DuplexTestClient gone = open("/ticker.html");
    DuplexTestClient stays = open("/ticker.html");
    assertOk(ask(gone, "subscribe", "prices"));
    assertOk(ask(stays, "subscribe", "prices"));
    assertEquals(2, duplex.topic("prices").publish(0));
    assertEquals(204, gone.unload().status());
    assertEquals(1, duplex.topic("prices").publish(1));
    assertEquals(1, duplex.topic("prices").count());
    assertEquals(204, stays.unload().status());
    assertEquals(0, duplex.topic("prices").publish(2));
  }

  @Test
  void topicsPerPageAndTopicNamesAreBounded() {
    start(Duplex.builder().maxTopicsPerPage(2).maxTopicNameLength(16).topicPolicy((topic, call) -> true));
    DuplexTestClient page = open("/ticker.html");
    assertOk(ask(page, "subscribe", "a"));
    assertOk(ask(page, "subscribe", "b"));
    assertEquals("TOO_MANY_TOPICS", code(ask(page, "subscribe", "c")));
    assertEquals("BAD_ARGUMENTS", code(ask(page, "subscribe", "x".repeat(17))));
    assertEquals("BAD_ARGUMENTS", code(page.call("duplex", "subscribe")));
    assertEquals("BAD_ARGUMENTS", code(page.call("duplex", "subscribe", 42)));
    assertEquals("UNKNOWN_METHOD", code(page.call("duplex", "publish", "a")));
    // The server kept serving: the page's own calls and subscriptions still work.
    assertOk(ask(page, "unsubscribe", "a"));
    assertOk(ask(page, "subscribe", "c"));
    assertEquals("hi", page.value("Echo", "echo", "hi").getAsString());
  }

  @Test
  void overAWebSocketTheSubscriptionIsACallFrameAndMessagesAreDeliveries() {
    start(Duplex.builder().topics("prices").reverseAjax(ReverseAjax.WEBSOCKET));
    DuplexTestClient page = open("/ticker.html");
    try (TestSocket socket = TestSocket.connect(page).open(1)) {
      assertTrue(socket.next().has("open"));
      JsonObject answer = socket.call(1, call(1, "duplex", "subscribe", "prices")).answer(1);
      assertOk(answer.getAsJsonArray("results").get(0).getAsJsonObject());
      assertEquals(1, duplex.topic("prices").publish("hello"));
      JsonObject line = socket.nextSkippingHeartbeats();
      assertEquals(
          "{\"seq\":1,\"topic\":\"prices\",\"message\":\"hello\"}",
          line.getAsJsonObject("reverse").getAsJsonArray("calls").get(0).toString());
    }
  }
}

package io.duplex.internal.reverse;

import static io.duplex.internal.reverse.TestPages.calls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.ScriptSession;
import io.duplex.Topic;
import io.duplex.TopicPolicy;
import io.duplex.internal.DuplexRuntime;
import io.duplex.internal.protocol.Call;
import io.duplex.internal.protocol.CallOutcome;
import io.duplex.internal.remote.InvocationContext;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pages subscribe to topics through the engine's calls; a publish reaches the subscribers only. */
class TopicsTest {
  /** A page interface, as applications declare them. */
  public interface Ticker {
    void clock(String time);
  }

  private final TestPages pages = new TestPages(b -> b.maxTopicsPerPage(3).maxTopicNameLength(20), Counted.ADAPTER);
  private final Topics topics = pages.manager.topics();

  @AfterEach
  void close() {
    pages.close();
  }

  private static CallOutcome ask(Topics topics, ScriptSession page, String method, String topic) {
    return ask(topics, page, null, Set.of(), method, topic);
  }

  private static CallOutcome ask(
      Topics topics, ScriptSession page, String user, Set<String> roles, String method, String topic) {
    JsonArray args = new JsonArray();
    args.add(topic);
    Principal principal = user == null ? null : () -> user;
    InvocationContext context = new InvocationContext(page, principal, roles::contains, null, null, Map.of());
    return topics.invoke(new Call(7, "duplex", method, args), context).join();
  }

  private static void assertRefused(String code, CallOutcome outcome) {
    assertTrue(outcome.failed(), "expected " + code);
    assertEquals(code, outcome.error().code());
    assertEquals(7, outcome.id());
  }

  private static void assertOk(CallOutcome outcome) {
    assertFalse(outcome.failed(), () -> outcome.error().code() + ": " + outcome.error().message());
  }

  @Test
  void aPublishReachesTheSubscribedPagesOnlyAsATopicEntry() {
    topics.configure(Set.of("prices"), TopicPolicy.DECLARED_ONLY);
    ScriptSessionImpl ann = pages.open("/ticker.html");
    ScriptSessionImpl bob = pages.open("/other.html");
    ScriptSessionImpl carol = pages.open("/ticker.html");
    assertOk(ask(topics, ann, "subscribe", "prices"));
    assertOk(ask(topics, bob, "subscribe", "prices"));
    assertOk(ask(topics, bob, "subscribe", "prices"));

    Topic prices = topics.topic("prices");
    assertEquals(2, prices.count());
    assertEquals(2, prices.publish(Map.of("symbol", "DPLX", "price", 42.5)));

    for (ScriptSessionImpl page : List.of(ann, bob)) {
      List<JsonObject> entries = calls(page, 0);
      assertEquals(1, entries.size());
      assertEquals(
          "{\"seq\":1,\"topic\":\"prices\",\"message\":{\"symbol\":\"DPLX\",\"price\":42.5}}",
          entries.get(0).toString().replace("{\"price\":42.5,\"symbol\":\"DPLX\"}", "{\"symbol\":\"DPLX\",\"price\":42.5}"));
    }
    assertEquals(List.of(), calls(carol, 0), "not subscribed");
    assertEquals(Set.of("prices"), bob.topics());
  }

  @Test
  void aPublishPassesThePushInterceptorsOnceBeforeItsOneConversionAndMayBeVetoed() {
    topics.configure(Set.of("wall", "secret"), TopicPolicy.DECLARED_ONLY);
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    pages.manager.usePushInterceptors(List.of(chain -> {
      seen.add(chain.function() + " " + chain.arguments() + " to " + chain.target() + " conversions=" + Counted.CONVERSIONS.get());
      return chain.function().equals("topic:secret") ? 0 : chain.proceed();
    }));
    ScriptSessionImpl first = pages.open("/wall.html");
    for (ScriptSessionImpl page : List.of(first, pages.open("/wall.html"))) {
      assertOk(ask(topics, page, "subscribe", "wall"));
      assertOk(ask(topics, page, "subscribe", "secret"));
    }
    Counted.CONVERSIONS.set(0);

    assertEquals(2, topics.topic("wall").publish(new Counted("x")));
    assertEquals(0, topics.topic("secret").publish(new Counted("y")));

    assertEquals(1, Counted.CONVERSIONS.get(), "the vetoed publish was not converted");
    assertEquals(List.of("topic:wall [Counted[text=x]] to pages where topic=wall conversions=0",
        "topic:secret [Counted[text=y]] to pages where topic=secret conversions=1"), seen);
    assertEquals(1, calls(first, 0).size());
  }

  @Test
  void aMessageIsConvertedOncePerPublishWhateverTheSubscribers() {
    topics.configure(Set.of("wall"), TopicPolicy.DECLARED_ONLY);
    for (int i = 0; i < 5; i++) {
      assertOk(ask(topics, pages.open("/wall.html"), "subscribe", "wall"));
    }
    Counted.CONVERSIONS.set(0);
    assertEquals(5, topics.topic("wall").publish(new Counted("x")));
    assertEquals(1, Counted.CONVERSIONS.get());
  }

  @Test
  void topicMessagesAreNumberedInOrderWithThePagesOtherReverseCalls() {
    topics.configure(Set.of("prices"), TopicPolicy.DECLARED_ONLY);
    ScriptSessionImpl page = pages.open("/ticker.html");
    assertOk(ask(topics, page, "subscribe", "prices"));
    page.target().call("first");
    topics.topic("prices").publish(1);
    page.target().call("second");
    topics.topic("prices").publish(2);
    List<String> kinds =
        calls(page, 0).stream()
            .map(e -> e.get("seq").getAsInt() + (e.has("fn") ? e.get("fn").getAsString() : "topic" + e.get("message")))
            .toList();
    assertEquals(List.of("1first", "2topic1", "3second", "4topic2"), kinds);
  }

  @Test
  void byDefaultOnlyDeclaredTopicsMayBeSubscribed() {
    ScriptSessionImpl page = pages.open("/ticker.html");
    assertRefused("SUBSCRIPTION_REFUSED", ask(topics, page, "subscribe", "prices"));
    assertEquals(Set.of(), page.topics());
    assertEquals(0, topics.topic("prices").publish("x"));
    assertEquals(0, pages.manager.index().topicCount(), "a refused subscription keeps no topic name");
  }

  @Test
  void thePolicyDecidesByUserRolesTopicAndPage() {
    topics.configure(
        Set.of("news"),
        (topic, call) -> topic.equals("desk-" + call.user().getName())
            || (topic.equals("trades") && call.isUserInRole("trader") && call.page().equals("/ticker.html")));
    ScriptSessionImpl annTicker = pages.open("/ticker.html", "h-ann", "ann");
    ScriptSessionImpl annOther = pages.open("/other.html", "h-ann", "ann");
    assertOk(ask(topics, annTicker, "ann", Set.of(), "subscribe", "desk-ann"));
    assertRefused("SUBSCRIPTION_REFUSED", ask(topics, annTicker, "ann", Set.of(), "subscribe", "desk-bob"));
    assertRefused("SUBSCRIPTION_REFUSED", ask(topics, annTicker, "ann", Set.of(), "subscribe", "trades"));
    assertOk(ask(topics, annTicker, "ann", Set.of("trader"), "subscribe", "trades"));
    assertRefused("SUBSCRIPTION_REFUSED", ask(topics, annOther, "ann", Set.of("trader"), "subscribe", "trades"));
    assertOk(ask(topics, annOther, "ann", Set.of(), "subscribe", "news"));
    assertEquals(Set.of("desk-ann", "trades"), annTicker.topics());
  }

  @Test
  void anUnsubscribedPageGetsNoMoreMessages() {
    topics.configure(Set.of("prices"), TopicPolicy.DECLARED_ONLY);
    ScriptSessionImpl page = pages.open("/ticker.html");
    assertOk(ask(topics, page, "subscribe", "prices"));
    assertEquals(1, topics.topic("prices").publish(1));
    assertOk(ask(topics, page, "unsubscribe", "prices"));
    assertOk(ask(topics, page, "unsubscribe", "prices"));
    assertEquals(0, topics.topic("prices").publish(2));
    assertEquals(1, calls(page, 0).size());
    assertEquals(0, pages.manager.index().topicCount());
  }

  @Test
  void aSubscriptionEndsWithItsPage() {
    topics.configure(Set.of("prices"), TopicPolicy.DECLARED_ONLY);
    ScriptSessionImpl gone = pages.open("/ticker.html");
    ScriptSessionImpl stays = pages.open("/ticker.html");
    assertOk(ask(topics, gone, "subscribe", "prices"));
    assertOk(ask(topics, stays, "subscribe", "prices"));
    gone.invalidate();
    assertEquals(1, topics.topic("prices").publish(1));
    assertEquals(Set.of(), gone.topics());
    stays.invalidate();
    assertEquals(0, topics.topic("prices").publish(2));
    assertEquals(0, pages.manager.index().topicCount(), "no topic kept for pages long gone");
  }

  @Test
  void topicsPerPageAndNameLengthAreBounded() {
    ScriptSessionImpl page = pages.open("/ticker.html");
    topics.configure(Set.of(), (topic, call) -> true);
    for (String topic : List.of("a", "b", "c")) {
      assertOk(ask(topics, page, "subscribe", topic));
    }
    assertRefused("TOO_MANY_TOPICS", ask(topics, page, "subscribe", "d"));
    assertOk(ask(topics, page, "subscribe", "a"));
    assertOk(ask(topics, page, "unsubscribe", "a"));
    assertOk(ask(topics, page, "subscribe", "d"));
    assertRefused("BAD_ARGUMENTS", ask(topics, page, "subscribe", "x".repeat(21)));
    assertRefused("BAD_ARGUMENTS", ask(topics, page, "subscribe", ""));
    assertRefused("UNKNOWN_METHOD", ask(topics, page, "publish", "a"));
    assertEquals(Set.of("b", "c", "d"), page.topics());
    assertThrows(IllegalArgumentException.class, () -> topics.topic("x".repeat(21)));
    assertThrows(IllegalArgumentException.class, () -> topics.topic(""));
    assertThrows(IllegalStateException.class, () -> topics.configure(Set.of("x".repeat(21)), TopicPolicy.DECLARED_ONLY));
  }

  @Test
  void pagesOfATopicTakeTypedProxiesAndCalls() {
    topics.configure(Set.of("prices"), TopicPolicy.DECLARED_ONLY);
    ScriptSessionImpl subscribed = pages.open("/ticker.html");
    ScriptSessionImpl other = pages.open("/ticker.html");
    assertOk(ask(topics, subscribed, "subscribe", "prices"));
    Topic prices = topics.topic("prices");
    prices.pages().proxy(Ticker.class).clock("09:30");
    assertEquals(1, prices.pages().page("/ticker.html").call("hello"));
    assertEquals(0, prices.pages().page("/other.html").count());
    assertEquals(2, calls(subscribed, 0).size());
    assertEquals("clock", calls(subscribed, 0).get(0).get("fn").getAsString());
    assertEquals(List.of(), calls(other, 0));
  }

  @Test
  void theEngineReachesTopicsThroughTheReservedServiceOfAnyBatch() {
    try (Duplex duplex = Duplex.builder().topics("prices").build()) {
      DuplexRuntime runtime = DuplexRuntime.of(duplex);
      ScriptSessionImpl page = runtime.sessions().create("/ticker.html", "owner", "http", null);
      JsonArray args = new JsonArray();
      args.add("prices");
      InvocationContext context = new InvocationContext(page, null, r -> false, null, null, Map.of());
      CallOutcome outcome = runtime.dispatcher().invoke(new Call(3, "duplex", "subscribe", args), context).join();
      assertNull(outcome.error());
      assertEquals(1, duplex.topic("prices").publish("hi"));
      assertEquals(Set.of("prices"), page.topics());
      JsonArray other = new JsonArray();
      other.add("news");
      assertEquals(
          "SUBSCRIPTION_REFUSED",
          runtime.dispatcher().invoke(new Call(4, "duplex", "subscribe", other), context).join().error().code());
    }
    assertThrows(
        IllegalStateException.class,
        () -> Duplex.builder().maxTopicNameLength(3).topics("prices").build(),
        "a declared topic no page could subscribe to fails build()");
  }
}

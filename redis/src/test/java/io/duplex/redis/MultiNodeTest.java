package io.duplex.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.ScriptBuffer;
import io.duplex.ScriptSession;
import io.duplex.servlet.Await;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Three nodes on one real Redis: a push issued on any node reaches the matching pages of all. */
class MultiNodeTest {
  /** A typed browser proxy, as applications declare them. */
  public interface Other {
    void other(int n);
  }

  static RedisProcess redis;
  static Node a;
  static Node b;
  static Node c;

  @BeforeAll
  static void start() throws Exception {
    redis = RedisProcess.start();
    a = Node.join(redis.url());
    b = Node.join(redis.url());
    c = Node.join(redis.url());
  }

  @AfterAll
  static void stop() throws Exception {
    for (Node node : new Node[] {a, b, c}) {
      if (node != null) {
        node.close();
      }
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void everyTargetingFormReachesThePagesOfEveryNode() {
    Node.Page chatA = a.openAs("ann", "/chat.html");
    Node.Page chatB = b.open("/chat.html");
    Node.Page otherC = c.openAs("ann", "/other.html");
    Node.Page otherB = b.open("/other.html");
    List<Node.Page> all = List.of(chatA, chatB, otherC, otherB);
    String httpSessionOfChatB = b.duplex.browser().session(chatB.id()).sessions().iterator().next().httpSessionId();

    c.duplex.browser().page("/chat.html").call("chat", 1);
    a.duplex.browser().user("ann").call("user", 2);
    a.duplex.browser().httpSession(httpSessionOfChatB).call("http", 3);
    c.duplex.browser().session(otherB.id()).call("one", 4);
    b.duplex.browser().page("/other.html").proxy(Other.class).other(5);
    a.duplex.browser().send(ScriptBuffer.create().call("first", 6).call("second", 6));
    b.duplex.browser().call("all", 7);

    expect(chatA, "chat[1]", "user[2]", "first[6]", "second[6]", "all[7]");
    expect(chatB, "chat[1]", "http[3]", "first[6]", "second[6]", "all[7]");
    expect(otherC, "user[2]", "other[5]", "first[6]", "second[6]", "all[7]");
    expect(otherB, "one[4]", "other[5]", "first[6]", "second[6]", "all[7]");
    for (Node.Page page : all) {
      List<String> ran = page.ran();
      // A ScriptBuffer's calls stay together on every page: nothing lands between them.
      assertEquals(ran.indexOf("first[6]") + 1, ran.indexOf("second[6]"), "ScriptBuffer split: " + ran);
    }
  }

  @Test
  void aTopicPublishReachesTheSubscribersOfEveryNodeInOneOrder() {
    Node.Page onA = a.openSubscribed("/ticker.html", "prices");
    Node.Page onB = b.openSubscribed("/ticker.html", "prices");
    Node.Page onC = c.openSubscribed("/quotes.html", "prices");
    Node.Page notSubscribed = c.open("/ticker.html");
    long pushesBefore = b.duplex.pushCounts().pushes();

    assertEquals(1, b.duplex.topic("prices").publish(1), "b counts its own subscribers");
    c.duplex.topic("prices").pages().page("/ticker.html").call("tickerOnly", 2);
    a.duplex.topic("prices").publish(3);
    a.duplex.browser().page("/ticker.html").call("everyTicker", 4);

    expect(onA, "topic:prices[1]", "tickerOnly[2]", "topic:prices[3]", "everyTicker[4]");
    expect(onB, "topic:prices[1]", "tickerOnly[2]", "topic:prices[3]", "everyTicker[4]");
    expect(onC, "topic:prices[1]", "topic:prices[3]");
    expect(notSubscribed, "everyTicker[4]");
    // Pushes of two nodes interleave as the stream has them, the same on every page; one node's in
    // the order it issued them.
    assertEquals(onA.ran(), onB.ran());
    assertTrue(onA.ran().indexOf("topic:prices[3]") < onA.ran().indexOf("everyTicker[4]"), onA.ran().toString());
    assertEquals(pushesBefore + 1, b.duplex.pushCounts().pushes(), "one publish is one push");
  }

  @Test
  void countsAndSessionsAreThisNodesWhileNodesCountsAll() {
    a.open("/count.html");
    b.open("/count.html");
    b.open("/count.html");
    assertEquals(1, a.duplex.browser().page("/count.html").count());
    assertEquals(2, b.duplex.browser().page("/count.html").sessions().size());
    Await.until(
        () -> a.duplex.nodes().size() == 3
            && a.duplex.nodes().values().stream().mapToInt(Integer::intValue).sum()
                == a.duplex.browser().count() + b.duplex.browser().count() + c.duplex.browser().count(),
        () -> "three nodes with every open page in a.nodes(): " + a.duplex.nodes());
  }

  @Test
  void aFilterCannotTravelSoOnlyALocalTargetTakesOne() {
    Node.Page onA = a.open("/filter.html");
    Node.Page onB = b.open("/filter.html");
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () -> a.duplex.browser().page("/filter.html").filter(ScriptSession::isValid).call("filtered", 1));
    assertTrue(refused.getMessage().contains("local().filter(...)"), refused.getMessage());

    a.duplex.browser().page("/filter.html").local().filter(ScriptSession::isValid).call("local", 2);
    b.duplex.browser().page("/filter.html").call("everywhere", 3);

    expect(onA, "local[2]", "everywhere[3]");
    expect(onB, "everywhere[3]");
  }

  @Test
  void aStoppedNodeLeavesTheClusterCount() throws Exception {
    Node d = Node.join(redis.url());
    String[] before = new String[1];
    Await.until(() -> a.duplex.nodes().size() == 4, () -> "four nodes: " + a.duplex.nodes());
    before[0] = a.duplex.nodes().keySet().toString();
    d.close();
    long start = System.nanoTime();
    Await.until(() -> a.duplex.nodes().size() == 3, () -> "d gone from " + a.duplex.nodes());
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < RedisBackplaneHooks.NODE_GONE_MILLIS, "took " + millis + " ms; was " + before[0]);
  }

  /** Waits until {@code page} ran exactly {@code calls}, each once (order checked per test). */
  static void expect(Node.Page page, String... calls) {
    List<String> expected = new ArrayList<>(List.of(calls));
    Collections.sort(expected);
    Await.until(
        () -> {
          List<String> ran = new ArrayList<>(page.ran());
          Collections.sort(ran);
          return ran.equals(expected);
        },
        () -> "page " + page.id().substring(0, 6) + " ran " + page.ran() + ", expected " + List.of(calls));
  }
}

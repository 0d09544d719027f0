package io.duplex.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.BackplaneUnavailableException;
import io.duplex.Duplex;
import io.duplex.servlet.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Redis stops answering, or loses everything, while two nodes push: what the pages see. */
class OutageTest {
  RedisProcess redis;
  final List<Node> nodes = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    redis = RedisProcess.start();
  }

  @AfterEach
  void stop() throws Exception {
    for (Node node : nodes) {
      node.close();
    }
    redis.close();
  }

  private Node node(Duplex.Builder builder) {
    Node node = new Node(builder.backplane(redis.url()).build());
    nodes.add(node);
    return node;
  }

  @Test
  void aFiveSecondFreezeLosesNothingAndKeepsOneOrder() throws Exception {
    Node a = node(Duplex.builder());
    Node b = node(Duplex.builder());
    List<Node.Page> feeds = List.of(a.open("/feed.html"), a.open("/feed.html"), b.open("/feed.html"), b.open("/feed.html"));
    List<Node.Page> others = List.of(a.open("/other.html"), b.open("/other.html"));
    int perPublisher = 300;
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread fromA = publisher(a, "a", perPublisher, failed);
    Thread fromB = publisher(b, "b", perPublisher, failed);
    fromA.start();
    fromB.start();
    // The freeze must find pushes already flowing between the nodes, to every page.
    Await.until(
        () -> feeds.stream().allMatch(p -> p.ran().size() > 0) && others.stream().allMatch(p -> p.ran().size() > 0),
        () -> "pushes reaching every page before the freeze: " + feeds.get(0).ran().size() + ", " + others.get(0).ran().size());
    redis.freeze();
    Thread.sleep(5_000);
    redis.thaw();
    fromA.join();
    fromB.join();
    assertEquals(null, failed.get(), "a push failed");

    Await.until(
        () -> feeds.stream().allMatch(p -> p.ran().size() == 2 * perPublisher)
            && others.stream().allMatch(p -> p.ran().size() == perPublisher),
        () -> "every page got every push: " + feeds.get(0).ran().size() + ", " + others.get(0).ran().size());
    List<String> order = feeds.get(0).ran();
    for (Node.Page feed : feeds) {
      assertEquals(order, feed.ran(), "every feed page ran the same pushes in the same order");
      assertEquals(0, feed.loop().state().resyncDropped());
    }
    for (String from : List.of("a", "b")) {
      List<String> expected = new ArrayList<>();
      for (int i = 1; i <= perPublisher; i++) {
        expected.add((i % 2 == 0 ? "all" : "feed") + "[\"" + from + "\"," + i + "]");
      }
      assertEquals(expected, order.stream().filter(call -> call.contains("\"" + from + "\"")).toList(),
          "each publisher's pushes once each, in the order issued");
    }
    List<String> broadcasts = order.stream().filter(call -> call.startsWith("all")).toList();
    for (Node.Page other : others) {
      assertEquals(broadcasts, other.ran(), "other pages ran the broadcasts, in the feed pages' order");
    }
  }

  /** Pushes {@code count} numbered calls, odd ones to the feed pages, even ones to every page. */
  private static Thread publisher(Node node, String name, int count, AtomicReference<Throwable> failed) {
    return new Thread(
        () -> {
          try {
            for (int i = 1; i <= count; i++) {
              if (i % 2 == 0) {
                node.duplex.browser().call("all", name, i);
              } else {
                node.duplex.browser().page("/feed.html").call("feed", name, i);
              }
              Thread.sleep(10);
            }
          } catch (Throwable e) {
            failed.set(e);
          }
        },
        "publisher-" + name);
  }

  @Test
  void beyondTheBufferTheCallerIsRefusedAndTheBufferedArrive() throws Exception {
    Node a = node(Duplex.builder().backplaneBufferedPushes(50));
    Node.Page page = a.open("/feed.html");
    a.duplex.browser().call("before", 0);
    Await.until(() -> page.ran().size() == 1, () -> "first push: " + page.ran());
    redis.freeze();
    try {
      for (int i = 1; i <= 50; i++) {
        a.duplex.browser().call("kept", i);
      }
      BackplaneUnavailableException refused =
          assertThrows(BackplaneUnavailableException.class, () -> a.duplex.browser().call("refused", 51));
      assertTrue(refused.getMessage().contains("backplaneBufferedPushes"), refused.getMessage());
    } finally {
      redis.thaw();
    }
    Await.until(() -> page.ran().size() == 51, () -> "the 50 kept pushes: " + page.ran().size());
    assertEquals("kept[50]", page.ran().get(50));
    assertTrue(page.ran().stream().noneMatch(call -> call.startsWith("refused")));
  }

  @Test
  void aNodeThatMissedPushesTellsItsPagesToResync() throws Exception {
    Node a = node(Duplex.builder());
    Node b = node(Duplex.builder());
    Node.Page onA = a.open("/feed.html");
    Node.Page onB = b.open("/feed.html");
    b.duplex.browser().call("before", 1);
    Await.until(() -> onA.ran().size() == 1 && onB.ran().size() == 1, () -> "first push everywhere");
    // Without persistence a restarted Redis has lost the stream: what the nodes had not read is gone.
    redis.restart();
    Await.until(
        () -> onA.loop().state().resyncDropped() > 0 && onB.loop().state().resyncDropped() > 0,
        () -> "both pages told to resync: " + onA.loop().state().resyncDropped() + ", " + onB.loop().state().resyncDropped());
    b.duplex.browser().call("after", 2);
    Await.until(() -> onA.ran().contains("after[2]") && onB.ran().contains("after[2]"), () -> "pushes after the restart arrive");
    assertEquals(List.of("before[1]", "after[2]"), onA.ran());
  }
}

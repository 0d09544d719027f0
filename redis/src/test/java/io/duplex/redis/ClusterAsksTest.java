package io.duplex.redis;

import static io.duplex.servlet.DuplexTestClient.json;
import static io.duplex.servlet.DuplexTestClient.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.PageAnswer;
import io.duplex.PageAnswerException.Reason;
import io.duplex.spi.Backplane;
import io.duplex.redis.internal.RedisBackplaneProvider;
import io.duplex.servlet.Await;
import io.duplex.servlet.DuplexTestClient;
import io.duplex.servlet.ReverseStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Asks of pages on two nodes of one real Redis: askAll from one node gathers every node's answers. */
class ClusterAsksTest {
  /** A typed page proxy, as the call center's Ringer declares it. */
  public interface Agent {
    CompletableFuture<List<PageAnswer<Boolean>>> isFree(String caller);
  }

  static RedisProcess redis;
  static Node a;
  static Node b;
  private final List<AnsweringPage> pages = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    redis = RedisProcess.start();
    a = Node.join(redis.url());
    b = Node.join(redis.url());
    Await.until(() -> a.duplex.nodes().size() == 2, () -> "two nodes: " + a.duplex.nodes());
  }

  @AfterAll
  static void stop() throws Exception {
    for (Node node : new Node[] {a, b}) {
      if (node != null) {
        node.close();
      }
    }
    if (redis != null) {
      redis.close();
    }
  }

  @AfterEach
  void closePages() throws InterruptedException {
    for (AnsweringPage page : pages) {
      page.close();
    }
  }

  @Test
  void askAllFromOneNodeGathersThePagesOfEveryNodeWithTheirErrors() {
    AnsweringPage onA = open(a, "/agent.html", entry -> map("value", true));
    AnsweringPage onB = open(b, "/agent.html", entry -> map("value", false));
    AnsweringPage throwsOnB = open(b, "/agent.html", entry -> map("error", "agent script broke"));
    open(b, "/other.html", entry -> map("value", true));

    List<PageAnswer<Boolean>> answers = settled(a.duplex.browser().page("/agent.html").proxy(Agent.class).isFree("carol"));

    Map<String, PageAnswer<Boolean>> byId = answers.stream().collect(Collectors.toMap(x -> x.session().id(), x -> x));
    assertEquals(3, answers.size(), answers.toString());
    assertEquals(true, byId.get(onA.id()).value());
    assertEquals(false, byId.get(onB.id()).value());
    assertEquals("/agent.html", byId.get(onB.id()).session().page());
    PageAnswer<Boolean> broke = byId.get(throwsOnB.id());
    assertEquals(Reason.ERROR, broke.failure().reason());
    assertEquals("agent script broke", broke.failure().getMessage());
    assertEquals(List.of("[\"carol\"]"), onB.askedWith());
  }

  @Test
  void askOfOnePageReachesItsNodeBySessionId() {
    AnsweringPage onB = open(b, "/name.html", entry -> map("value", "bea"));

    assertEquals("bea", settled(a.duplex.browser().session(onB.id()).ask(String.class, "agent.name")));
  }

  @Test
  void aNodeThatNeverRepliesDoesNotHangTheAsk() throws Exception {
    AnsweringPage onA = open(a, "/silent.html", entry -> map("value", 1));
    AnsweringPage onB = open(b, "/silent.html", entry -> map("value", 2));
    // A node that heartbeats and reads the stream but never answers an ask.
    Backplane silent = new RedisBackplaneProvider().create(URI.create(redis.url()), a.duplex.config());
    silent.start(new Backplane.Receiver() {
      @Override
      public void deliver(byte[] message) {}

      @Override
      public void gap() {}

      @Override
      public int openPages() {
        return 0;
      }
    });
    try {
      Await.until(() -> a.duplex.nodes().size() == 3, () -> "three nodes: " + a.duplex.nodes());
      long start = System.nanoTime();

      List<PageAnswer<Integer>> answers = settled(
          a.duplex.browser().page("/silent.html").answerTimeout(Duration.ofSeconds(1)).askAll(Integer.class, "agent.load"));

      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(List.of(1, 2), answers.stream().map(PageAnswer::value).sorted().toList());
      // The answer timeout and a grace as long (at most a second) for the replies, then done.
      assertTrue(millis >= 2_000 && millis < 8_000, "took " + millis + " ms");
      assertNull(answers.stream().filter(x -> x.session().id().equals(onB.id())).findFirst().orElseThrow().failure());
      assertEquals(1, onA.askedWith().size());
    } finally {
      silent.close();
      // Until then asks of a would wait for the silent node's reply until their timeout.
      Await.until(() -> a.duplex.nodes().size() == 2, () -> "silent node gone: " + a.duplex.nodes());
    }
  }

  private AnsweringPage open(Node node, String page, Function<JsonObject, Map<String, Object>> answer) {
    AnsweringPage opened = new AnsweringPage(node.server.client().handshake(page), answer);
    pages.add(opened);
    Await.until(() -> opened.streaming, () -> "page " + page + " streaming");
    return opened;
  }

  private static <T> T settled(CompletableFuture<T> future) {
    return future.orTimeout(10, TimeUnit.SECONDS).join();
  }

  /**
   * A page that streams its reverse calls and answers each ask at once, as {@code answer} says
   * ({@code value} or {@code error}), on an ack as the engine does.
   */
  static final class AnsweringPage implements AutoCloseable {
    private final DuplexTestClient client;
    private final Function<JsonObject, Map<String, Object>> answer;
    private final List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile ReverseStream current;
    volatile boolean streaming;

    AnsweringPage(DuplexTestClient client, Function<JsonObject, Map<String, Object>> answer) {
      this.client = client;
      this.answer = answer;
      this.thread = new Thread(this::run, "answering-page");
      thread.setDaemon(true);
      thread.start();
    }

    String id() {
      return client.session();
    }

    /** The arguments of each ask this page was sent. */
    List<String> askedWith() {
      return List.copyOf(asked);
    }

    private void run() {
      long conn = 0;
      long seq = 0;
      while (!stopped) {
        client.ack(seq);
        try (ReverseStream stream = client.openStream(++conn)) {
          current = stream;
          streaming = stream.response().statusCode() == 200;
          JsonObject line;
          while (!stopped && (line = stream.next()) != null) {
            if (line.has("close")) {
              break;
            }
            if (!line.has("reverse") || !line.getAsJsonObject("reverse").has("calls")) {
              continue;
            }
            for (JsonElement element : line.getAsJsonObject("reverse").getAsJsonArray("calls")) {
              JsonObject entry = element.getAsJsonObject();
              seq = Math.max(seq, entry.get("seq").getAsLong());
              if (entry.has("answer")) {
                asked.add(entry.get("args").toString());
                Map<String, Object> reply = new java.util.LinkedHashMap<>(answer.apply(entry));
                reply.put("id", entry.get("answer").getAsLong());
                client.post("ack", json("v", 1, "session", client.session(), "csrf", client.csrf(), "ack", seq,
                    "answers", List.of(reply)));
              }
            }
          }
        } catch (RuntimeException | AssertionError broken) {
          // the connection broke or went quiet: reconnect, as the engine does
        }
      }
    }

    @Override
    public void close() throws InterruptedException {
      stopped = true;
      ReverseStream stream = current;
      if (stream != null) {
        stream.close();
      }
      thread.join(10_000);
    }
  }
}

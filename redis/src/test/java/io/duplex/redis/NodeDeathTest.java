package io.duplex.redis;

import static io.duplex.servlet.DuplexTestClient.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.PageAnswer;
import io.duplex.PageAnswerException;
import io.duplex.PageAnswerException.Reason;
import io.duplex.redis.ClusterAsksTest.AnsweringPage;
import io.duplex.servlet.Await;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A node's process is killed (no close, no goodbye): the other nodes stop counting it and its pages. */
class NodeDeathTest {
  @Test
  void aKilledNodeAndItsPagesLeaveTheClusterCountsWithinTheDocumentedTime() throws Exception {
    try (RedisProcess redis = RedisProcess.start(); Node a = Node.join(redis.url())) {
      a.open("/here.html");
      try (Doomed doomed = Doomed.start(redis.url(), 3)) {
        Await.until(
            () -> a.duplex.nodes().size() == 2 && clusterPages(a) == 4,
            () -> "two nodes, 1 + 3 pages: " + a.duplex.nodes(),
            Duration.ofSeconds(10));

        long killed = doomed.kill();
        Await.until(() -> a.duplex.nodes().size() == 1, () -> "the killed node gone: " + a.duplex.nodes());
        long millis = (System.nanoTime() - killed) / 1_000_000;
        assertEquals(1, clusterPages(a), "only this node's page is counted");
        assertTrue(millis < RedisBackplaneHooks.NODE_DEAD_MILLIS,
            "the killed node left nodes() after " + millis + " ms; docs/scaling.md promises 4 s");
      }
    }
  }

  @Test
  void asksWaitingForAKilledNodeEndWhenItLeavesTheClusterNotAtTheirTimeout() throws Exception {
    try (RedisProcess redis = RedisProcess.start(); Node a = Node.join(redis.url());
        AnsweringPage here = new AnsweringPage(a.server.client().handshake("/doomed.html"), entry -> map("value", 1));
        Doomed doomed = Doomed.start(redis.url(), 2)) {
      Await.until(() -> here.streaming, () -> "the page of this node streaming");
      Await.until(
          () -> a.duplex.nodes().size() == 2 && clusterPages(a) == 3,
          () -> "two nodes, 1 + 2 pages: " + a.duplex.nodes(),
          Duration.ofSeconds(10));
      Duration timeout = Duration.ofSeconds(30);

      // The pages of the doomed node never answer: its reply would come after 30 s.
      CompletableFuture<List<PageAnswer<Integer>>> all =
          a.duplex.browser().page("/doomed.html").answerTimeout(timeout).askAll(Integer.class, "agent.load");
      CompletableFuture<Integer> one =
          a.duplex.browser().session(doomed.pages.get(0)).answerTimeout(timeout).ask(Integer.class, "agent.load");
      Await.until(() -> here.askedWith().size() == 1, () -> "the page of this node asked");
      assertFalse(all.isDone(), "askAll waits for the other node's reply");
      assertFalse(one.isDone(), "ask waits for the other node's reply");

      long killed = doomed.kill();
      List<PageAnswer<Integer>> answers = all.get(RedisBackplaneHooks.NODE_DEAD_MILLIS + 5_000, TimeUnit.MILLISECONDS);
      long millis = (System.nanoTime() - killed) / 1_000_000;
      PageAnswerException gone = assertInstanceOf(PageAnswerException.class,
          assertThrows(ExecutionException.class, () -> one.get(5, TimeUnit.SECONDS)).getCause());

      assertEquals(List.of(1), answers.stream().map(PageAnswer::value).toList(), "this node's answer, none of the dead node's pages");
      assertEquals(here.id(), answers.get(0).session().id());
      assertEquals(Reason.PAGE_GONE, gone.reason(), gone.getMessage());
      // Its heartbeat key expires (NODE_DEAD_MILLIS), then the ask looks within 250 ms.
      assertTrue(millis < RedisBackplaneHooks.NODE_DEAD_MILLIS + 1_000,
          "the asks ended " + millis + " ms after the node was killed, their timeout is " + timeout);
    }
  }

  private static int clusterPages(Node node) {
    return node.duplex.nodes().values().stream().mapToInt(Integer::intValue).sum();
  }

  /** A {@link DyingNode} in a JVM of its own, with the script session ids of its pages. */
  private static final class Doomed implements AutoCloseable {
    final Process process;
    final List<String> pages = new CopyOnWriteArrayList<>();

    private Doomed(Process process) {
      this.process = process;
    }

    static Doomed start(String redisUrl, int pages) throws Exception {
      Process process =
          new ProcessBuilder(
                  new File(System.getProperty("java.home"), "bin/java").getPath(),
                  "-cp", System.getProperty("java.class.path"),
                  "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                  DyingNode.class.getName(), redisUrl, Integer.toString(pages))
              .redirectErrorStream(true)
              .start();
      Doomed doomed = new Doomed(process);
      try {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread output = new Thread(() -> {
          try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
              if (line.startsWith("PAGE ")) {
                doomed.pages.add(line.substring(5));
              } else if (line.equals("READY")) {
                ready.complete(null);
              }
            }
          } catch (java.io.IOException e) {
            // the process is gone
          }
        });
        output.setDaemon(true);
        output.start();
        // A second JVM starting Jetty on a loaded machine: its start-up is not what is tested.
        ready.get(60, TimeUnit.SECONDS);
        return doomed;
      } catch (Exception | Error e) {
        doomed.close();
        throw e;
      }
    }

    /** @return {@link System#nanoTime} when the JVM was gone */
    long kill() throws InterruptedException {
      process.destroyForcibly();
      assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the node's JVM was killed");
      return System.nanoTime();
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }
}

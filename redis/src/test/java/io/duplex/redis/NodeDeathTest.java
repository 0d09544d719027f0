package io.duplex.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.servlet.Await;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A node's process is killed (no close, no goodbye): the other nodes stop counting it and its pages. */
class NodeDeathTest {
  @Test
  void aKilledNodeAndItsPagesLeaveTheClusterCountsWithinTheDocumentedTime() throws Exception {
    try (RedisProcess redis = RedisProcess.start(); Node a = Node.join(redis.url())) {
      a.open("/here.html");
      Process doomed =
          new ProcessBuilder(
                  new File(System.getProperty("java.home"), "bin/java").getPath(),
                  "-cp", System.getProperty("java.class.path"),
                  "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                  DyingNode.class.getName(), redis.url(), "3")
              .redirectErrorStream(true)
              .start();
      try {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread output = new Thread(() -> {
          try (BufferedReader lines = new BufferedReader(new InputStreamReader(doomed.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
              if (line.equals("READY")) {
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
        Await.until(
            () -> a.duplex.nodes().size() == 2 && clusterPages(a) == 4,
            () -> "two nodes, 1 + 3 pages: " + a.duplex.nodes(),
            Duration.ofSeconds(10));

        doomed.destroyForcibly();
        assertTrue(doomed.waitFor(10, TimeUnit.SECONDS), "the node's JVM was killed");
        long killed = System.nanoTime();
        Await.until(() -> a.duplex.nodes().size() == 1, () -> "the killed node gone: " + a.duplex.nodes());
        long millis = (System.nanoTime() - killed) / 1_000_000;
        assertEquals(1, clusterPages(a), "only this node's page is counted");
        assertTrue(millis < RedisBackplaneHooks.NODE_DEAD_MILLIS,
            "the killed node left nodes() after " + millis + " ms; docs/scaling.md promises 4 s");
      } finally {
        doomed.destroyForcibly();
      }
    }
  }

  private static int clusterPages(Node node) {
    return node.duplex.nodes().values().stream().mapToInt(Integer::intValue).sum();
  }
}

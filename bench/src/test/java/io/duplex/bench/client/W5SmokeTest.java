package io.duplex.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.duplex.bench.app.DuplexTarget;
import io.duplex.bench.server.BenchJetty;
import io.duplex.bench.server.ControlServlet;
import io.duplex.bench.server.ServerMode;
import io.duplex.redis.RedisProcess;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/**
 * W5's client against two Duplex bench servers in this JVM on a real redis-server, for a few
 * seconds: rounds published on node A reach the pages of both nodes once and in order, also across
 * a 1 s SIGSTOP of Redis. No timing asserted.
 */
class W5SmokeTest {
  @Test
  void roundsPublishedOnOneNodeReachThePagesOfBothAcrossARedisStop() throws Exception {
    List<AutoCloseable> opened = new ArrayList<>();
    try (RedisProcess redis = RedisProcess.start()) {
      try {
        int[] ports = new int[2];
        for (int i = 0; i < 2; i++) {
          DuplexTarget target = new DuplexTarget(ServerMode.STREAM, false, redis.url());
          ServletContextHandler context = BenchJetty.newContext();
          ServletHolder holder = new ServletHolder(target.name(), target.servlet());
          holder.setAsyncSupported(true);
          context.addServlet(holder, target.base() + "/*");
          Server server = BenchJetty.create(context, new ControlServlet(target, () -> {}));
          server.start();
          opened.add(() -> {
            server.stop();
            target.close();
          });
          ports[i] = BenchJetty.port(server);
        }
        try (W5Workload w5 = new W5Workload("127.0.0.1", ports, "/duplex", redis.pid())) {
          w5.growTo(20);
          List<JsonObject> results = List.of(
              w5.run("R=10", 10, 0.1, 0.5, 8, 0, 0),
              w5.run("R=10, Redis stopped", 10, 0.1, 2, 8, 0.3, 1),
              w5.run("full speed", 0, 0.1, 0.5, 8, 0, 0));
          for (JsonObject result : results) {
            assertTrue(result.get("drained").getAsBoolean(), () -> result.toString());
            assertTrue(result.get("roundsPublished").getAsLong() > 0, () -> result.toString());
            for (String count : new String[] {"lost", "duplicated", "outOfOrder", "resyncDropped", "errors"}) {
              assertEquals(0, result.get(count).getAsLong(), () -> count + ": " + result);
            }
          }
          assertTrue(results.get(1).get("outageMs").getAsLong() >= 1_000, () -> results.get(1).toString());
          // Rounds published while Redis was stopped are held, and counted apart from "outside".
          assertTrue(results.get(1).get("samplesHeld").getAsLong() > 0, () -> results.get(1).toString());
          assertTrue(results.get(1).get("drainMs").getAsLong() >= 0, () -> results.get(1).toString());
        }
      } finally {
        // The nodes before Redis, as in a deployment.
        for (int i = opened.size() - 1; i >= 0; i--) {
          opened.get(i).close();
        }
      }
    }
  }
}

package io.duplex.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.duplex.bench.app.DuplexTarget;
import io.duplex.bench.ceiling.CeilingSocket;
import io.duplex.bench.ceiling.CeilingTarget;
import io.duplex.bench.server.BenchJetty;
import io.duplex.bench.server.BenchTarget;
import io.duplex.bench.server.ControlServlet;
import io.duplex.bench.server.ServerMode;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/**
 * The load client against both bench servers in this JVM, for a fraction of a second each: forward
 * calls come back right, and a broadcast reaches every page once and in order. No timing asserted.
 */
class BenchSmokeTest {
  @Test
  void ceilingAnswersCallsAndDeliversEveryStreamedRound() throws Exception {
    try (Running server = start(new CeilingTarget(ServerMode.STREAM))) {
      assertCallsWork(server);
      assertBroadcastComplete(server, "stream");
    }
  }

  @Test
  void duplexAnswersCallsAndDeliversEveryStreamedRoundOverTheRealProtocol() throws Exception {
    try (Running server = start(new DuplexTarget(ServerMode.STREAM))) {
      assertCallsWork(server);
      assertBroadcastComplete(server, "stream");
    }
  }

  @Test
  void w2ThroughATopicDeliversEveryRoundToEverySubscribedPage() throws Exception {
    try (Running server = start(new DuplexTarget(ServerMode.STREAM))) {
      assertBroadcastComplete(server, "stream", true);
    }
  }

  @Test
  void socketClientCallsDuplexAndTheSocketCeilingOverWebSockets() throws Exception {
    try (Running server = start(new DuplexTarget(ServerMode.WEBSOCKET));
        BenchHttp http = new BenchHttp("127.0.0.1", server.port());
        Engine engine = new Engine(http, server.target.base(), MessageSink.NONE)) {
      ServerProbe probe = new ServerProbe(http);
      for (boolean duplex : new boolean[] {true, false}) {
        String path = duplex ? server.target.base() + "/ws" : CeilingSocket.PATH;
        JsonObject result = new SocketWorkload(engine, probe, path, "127.0.0.1", server.port(), path, duplex)
            .run("WS1", 2, 0.1, 0.4);
        assertEquals(0, result.get("errors").getAsLong(), () -> result.toString());
        assertEquals(0, result.get("badResults").getAsLong(), () -> result.toString());
        assertTrue(result.get("callsPerSec").getAsLong() > 0, () -> result.toString());
      }
    }
  }

  @Test
  void duplexDeliversEveryRoundOverWebSockets() throws Exception {
    try (Running server = start(new DuplexTarget(ServerMode.WEBSOCKET))) {
      assertBroadcastComplete(server, "websocket");
    }
  }

  @Test
  void socketCeilingDeliversEveryRound() throws Exception {
    try (Running server = start(new CeilingTarget(ServerMode.WEBSOCKET))) {
      assertBroadcastComplete(server, "websocket");
    }
  }

  @Test
  void w4AttackClientsReachTheDuplexServer() throws Exception {
    try (Running server = start(new DuplexTarget(ServerMode.STREAM))) {
      HandshakeFlood flood = new HandshakeFlood("127.0.0.1", server.port(), server.target.base(), 2);
      flood.start();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (flood.accepted.sum() < 20 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      flood.close();
      assertTrue(flood.accepted.sum() >= 20, () -> "handshakes accepted: " + flood.accepted.sum());
      assertEquals(0, flood.refused.sum());
      try (SlowBodies slow = new SlowBodies("127.0.0.1", server.port(), server.target.base(), 5)) {
        slow.start();
        assertEquals(5, slow.open);
      }
    }
  }

  private static void assertCallsWork(Running server) throws Exception {
    try (BenchHttp http = new BenchHttp("127.0.0.1", server.port());
        Engine engine = new Engine(http, server.target.base(), MessageSink.NONE)) {
      JsonObject result = new CallWorkload(engine, new ServerProbe(http), server.target.name())
          .run("W1b", 2, 3, 0.1, 0.4);
      assertEquals(0, result.get("errors").getAsLong(), () -> result.toString());
      assertEquals(0, result.get("badResults").getAsLong(), () -> result.toString());
      assertTrue(result.get("callsPerSec").getAsLong() > 0, () -> result.toString());
    }
  }

  private static void assertBroadcastComplete(Running server, String mode) throws Exception {
    assertBroadcastComplete(server, mode, false);
  }

  private static void assertBroadcastComplete(Running server, String mode, boolean viaTopic) throws Exception {
    try (BenchHttp http = new BenchHttp("127.0.0.1", server.port())) {
      String name = server.target.name();
      String socketPath = mode.equals("websocket")
          ? ClientMain.socketPath(java.util.Map.of(), name, server.target.base()) : null;
      BroadcastWorkload broadcast = new BroadcastWorkload(http, "127.0.0.1", server.port(), server.target.base(),
          new ServerProbe(http), name, mode, socketPath, !name.startsWith("ceiling"), viaTopic);
      try {
        broadcast.growTo(20);
        JsonObject result = broadcast.run(0, 0.1, 0.4, 8);
        assertTrue(result.get("drained").getAsBoolean(), () -> result.toString());
        assertTrue(result.get("roundsPublished").getAsLong() > 0, () -> result.toString());
        assertTrue(result.get("messagesPerSec").getAsLong() > 0, () -> result.toString());
        for (String count : new String[] {"lost", "duplicated", "outOfOrder", "errors"}) {
          assertEquals(0, result.get(count).getAsLong(), () -> count + ": " + result);
        }
      } finally {
        broadcast.close();
      }
    }
  }

  private static Running start(BenchTarget target) throws Exception {
    ServletContextHandler context = BenchJetty.newContext();
    ServletHolder holder = new ServletHolder(target.name(), target.servlet());
    holder.setAsyncSupported(true);
    context.addServlet(holder, target.base() + "/*");
    BenchJetty.addWebSockets(context, target.sockets());
    Server server = BenchJetty.create(context, new ControlServlet(target, () -> {}));
    server.start();
    return new Running(server, target);
  }

  private record Running(Server server, BenchTarget target) implements AutoCloseable {
    int port() {
      return BenchJetty.port(server);
    }

    @Override
    public void close() throws Exception {
      server.stop();
      target.close();
    }
  }
}

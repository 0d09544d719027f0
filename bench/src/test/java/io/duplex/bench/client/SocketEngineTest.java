package io.duplex.bench.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.duplex.bench.server.BenchJetty;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/**
 * The websocket load client (SocketLoop, ClientSocket, SocketEngine) against a scripted Jakarta
 * endpoint on a real Jetty: the page's exactly-once bookkeeping sees what the server sent, however
 * it is framed (two lines in one message, a message in three fragments, 16- and 64-bit lengths, a
 * ping between), and the page acknowledges what it ran. A client that dropped, repeated or
 * reordered a frame, or cut a line, would change the counts.
 */
class SocketEngineTest {
  private static final String BASE = "/t";

  /** Protocol seq 1..6 carries rounds 1, 2, 4, 2, 3, 6: 5 never comes, 2 twice, 3 after 4. */
  @Test
  void countsALostADuplicatedAndAnOutOfOrderMessageWhateverTheFraming() throws Exception {
    Scripted.acks.clear();
    Server server = start();
    try (BenchHttp http = new BenchHttp("127.0.0.1", BenchJetty.port(server))) {
      MessageSink sink = (page, round, sent, received) -> page.checkRound(round);
      Engine engine = new Engine(http, BASE, sink);
      SocketEngine sockets = new SocketEngine(engine, sink, "127.0.0.1", BenchJetty.port(server), BASE + "/ws", true);
      try {
        SimPage page = sockets.open(new SimPage(0, "/bench.html")).get(10, java.util.concurrent.TimeUnit.SECONDS);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while ((page.lastSeq() < 6 || Scripted.lastAck() < 6) && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        assertEquals(6, page.lastSeq(), "entries run");
        assertEquals(6, Scripted.lastAck(), () -> "acks: " + Scripted.acks);
        assertEquals(0, page.settleTail(6), "round 6 came: nothing is missing after it");
        // lost, duplicated, out of order, dropped by resyncs, gaps
        assertArrayEquals(new long[] {1, 1, 1, 0, 0}, page.counts());
        assertEquals(0, engine.errors.sum(), () -> "errors, last: " + engine.lastError);
        assertTrue(Scripted.acks.stream().allMatch(a -> a >= 1 && a <= 6), () -> "acks: " + Scripted.acks);
      } finally {
        sockets.close();
        engine.close();
      }
    } finally {
      server.stop();
    }
  }

  private static Server start() throws Exception {
    ServletContextHandler context = BenchJetty.newContext();
    context.addServlet(new ServletHolder(new Handshake()), BASE + "/session");
    JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) ->
        container.addEndpoint(ServerEndpointConfig.Builder.create(Scripted.class, BASE + "/ws").build()));
    Server server = BenchJetty.create(context, new io.duplex.bench.server.ControlServlet(null, () -> {}));
    server.start();
    return server;
  }

  /** POST {base}/session: one page, delivered over its socket, acks at most every 20 ms. */
  public static final class Handshake extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
      request.getSession(true);
      response.setContentType("application/json");
      response.getWriter().write("{\"v\":1,\"session\":\"s1\",\"csrf\":\"t1\",\"reverse\":{\"mode\":\"websocket\","
          + "\"streaming\":true,\"pollIntervalMillis\":1000,\"ackIntervalMillis\":20,\"maxHoldMillis\":30000}}");
    }
  }

  /** Answers the open frame, then sends the script; records every ack. */
  public static final class Scripted extends Endpoint {
    static final List<Long> acks = new CopyOnWriteArrayList<>();

    static long lastAck() {
      return acks.isEmpty() ? -1 : acks.get(acks.size() - 1);
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
      session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
        JsonObject frame = JsonParser.parseString(text).getAsJsonObject();
        if (frame.get("op").getAsString().equals("ack")) {
          acks.add(frame.get("ack").getAsLong());
          return;
        }
        if (!frame.get("op").getAsString().equals("open") || !frame.get("session").getAsString().equals("s1")) {
          throw new IllegalStateException("unexpected frame " + text);
        }
        try {
          RemoteEndpoint.Basic remote = session.getBasicRemote();
          remote.sendText("{\"v\":1,\"open\":true}\n");
          // Two lines in one message.
          remote.sendText(line(1, 1, 0) + line(2, 2, 0));
          // One line in three fragments, cut inside the JSON.
          String third = line(3, 4, 0);
          remote.sendText(third.substring(0, 10), false);
          remote.sendText(third.substring(10, 40), false);
          remote.sendText(third.substring(40), true);
          remote.sendPing(ByteBuffer.wrap(new byte[] {1, 2, 3}));
          // A 16-bit and a 64-bit payload length.
          remote.sendText(line(4, 2, 300));
          remote.sendText(line(5, 3, 70_000));
          remote.sendText(line(6, 6, 0));
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
    }

    /** A delivery line: entry {@code seq} runs bench.addMessage for round {@code round}. */
    private static String line(long seq, long round, int padding) {
      return "{\"reverse\":{\"calls\":[{\"seq\":" + seq + ",\"fn\":\"bench.addMessage\",\"args\":[{\"seq\":" + round
          + ",\"sentNanos\":" + System.nanoTime() + ",\"text\":\"" + "x".repeat(padding) + "\"}]}]}}\n";
    }
  }
}

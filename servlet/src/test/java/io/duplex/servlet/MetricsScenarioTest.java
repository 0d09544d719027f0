package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.DuplexMetrics;
import io.duplex.HeldConnectionCounts;
import io.duplex.QueueTotals;
import io.duplex.ReverseAjax;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Scripted scenarios over real HTTP and WebSocket, then the figures: held connections per mode,
 * queue totals, push-to-write latency reports, and the push interceptor registered on the builder
 * running once per push.
 */
class MetricsScenarioTest {
  private final List<Long> latencies = new CopyOnWriteArrayList<>();
  private final List<String> pushes = new CopyOnWriteArrayList<>();

  private Duplex build(Duplex.Builder builder) {
    Duplex duplex = builder
        .expose(TestServices.Echo.class)
        .interceptPushes(chain -> {
          pushes.add(chain.function() + " to " + chain.target());
          return chain.proceed();
        })
        .build();
    duplex.addMetrics(new DuplexMetrics() {
      @Override
      public void callCompleted(String service, String method, String errorCode, long nanos) {}

      @Override
      public void pushWritten(long nanos) {
        latencies.add(nanos);
      }
    });
    return duplex;
  }

  @Test
  void streamingHeldConnectionsQueuesAndLatency() throws Exception {
    try (Duplex duplex = build(Duplex.builder().reverseAjax(ReverseAjax.COMET).streaming(true).maxHoldMillis(10_000));
        TestServer server = TestServer.start(duplex)) {
      DuplexTestClient reading = server.client().handshake("/board.html");
      DuplexTestClient away = server.client().handshake("/board.html");
      assertEquals(new HeldConnectionCounts(0, 0, 0), duplex.heldConnections());

      try (ReverseStream stream = reading.openStream()) {
        assertTrue(stream.next().has("open"));
        Await.until(() -> duplex.heldConnections().streaming() == 1, () -> "one stream held: " + duplex.heldConnections());

        assertEquals(2, duplex.browser().page("/board.html").call("show", "a"));
        JsonObject line = stream.nextSkippingHeartbeats();
        assertEquals("show", line.getAsJsonObject("reverse").getAsJsonArray("calls").get(0).getAsJsonObject()
            .get("fn").getAsString());
        Await.until(() -> latencies.size() == 1, () -> "one write timed: " + latencies);
        assertTrue(latencies.get(0) > 0);

        // The page that reads acknowledged nothing yet; the other never reads.
        QueueTotals totals = duplex.queues();
        assertEquals(2, totals.pages());
        assertEquals(2, totals.entries());
        assertEquals(1, totals.maxDepth());
        assertEquals(List.of("show to pages where page=/board.html"), pushes, "once per push, not per page");
        assertEquals(new HeldConnectionCounts(1, 0, 0), duplex.heldConnections());
      }
      reading.unload();
      Await.until(() -> duplex.heldConnections().total() == 0, () -> "released: " + duplex.heldConnections());
      assertEquals(1, duplex.queues().entries(), "only the page that never read is left");
      assertEquals(1, latencies.size(), "nothing more was written");
      assertTrue(away.session() != null);
    }
  }

  @Test
  void longPollsAreCountedAsLongPollsAndTheirAnswerIsTimed() throws Exception {
    try (Duplex duplex = build(Duplex.builder().reverseAjax(ReverseAjax.COMET).streaming(false).maxHoldMillis(10_000));
        TestServer server = TestServer.start(duplex)) {
      DuplexTestClient page = server.client().handshake("/board.html");
      try (ReverseStream poll = page.openStream()) {
        Await.until(() -> duplex.heldConnections().longPoll() == 1, () -> "one poll held: " + duplex.heldConnections());
        assertEquals(0, duplex.heldConnections().streaming());
        duplex.browser().call("show", 1);
        JsonObject answer = poll.next();
        assertTrue(answer.getAsJsonObject("reverse").has("calls"), answer.toString());
        Await.until(() -> duplex.heldConnections().total() == 0, () -> "answered: " + duplex.heldConnections());
        assertEquals(1, latencies.size());
      }
    }
  }

  @Test
  void webSocketsAreCountedAsWebSockets() throws Exception {
    try (Duplex duplex = build(Duplex.builder().reverseAjax(ReverseAjax.WEBSOCKET));
        TestServer server = TestServer.start(duplex)) {
      DuplexTestClient page = server.client().handshake("/board.html");
      try (TestSocket socket = TestSocket.connect(page).open(1)) {
        assertTrue(socket.next().has("open"));
        Await.until(() -> duplex.heldConnections().webSocket() == 1, () -> "one socket held: " + duplex.heldConnections());
        duplex.browser().call("show", 1);
        assertTrue(socket.nextSkippingHeartbeats().has("reverse"));
        Await.until(() -> latencies.size() == 1, () -> "one write timed: " + latencies);
        assertEquals(new HeldConnectionCounts(0, 0, 1), duplex.heldConnections());
      }
      Await.until(() -> duplex.heldConnections().total() == 0, () -> "closed: " + duplex.heldConnections());
    }
  }

  @Test
  void pollingHoldsNothingAndPiggybackedDeliveriesAreTimed() throws Exception {
    try (Duplex duplex = build(Duplex.builder().reverseAjax(ReverseAjax.PIGGYBACK));
        TestServer server = TestServer.start(duplex)) {
      DuplexTestClient page = server.client().handshake("/board.html");
      duplex.browser().call("show", 1);
      JsonObject response = page.batch(DuplexTestClient.call(1, "Echo", "echo", "x")).json();
      assertTrue(response.getAsJsonObject("reverse").has("calls"), response.toString());
      assertEquals(1, latencies.size());
      assertEquals(0, duplex.heldConnections().total());
    }
  }
}

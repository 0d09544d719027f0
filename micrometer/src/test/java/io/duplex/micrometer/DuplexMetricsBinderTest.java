package io.duplex.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.ClientVisible;
import io.duplex.Duplex;
import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import io.duplex.servlet.Await;
import io.duplex.servlet.DuplexTestClient;
import io.duplex.servlet.ReverseStream;
import io.duplex.servlet.TestServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A scripted scenario over real HTTP, then the registry's figures, asserted exactly. */
class DuplexMetricsBinderTest {

  @ClientVisible(code = "ROOM_FULL")
  public static class RoomFull extends RuntimeException {
    public RoomFull() {
      super("the room is full");
    }
  }

  @RemoteService(name = "Chat")
  public static class Chat {
    @RemoteMethod
    public void send(String text) {
      if (text.isEmpty()) {
        throw new RoomFull();
      }
    }

    @RemoteMethod
    public int count() {
      return 1;
    }
  }

  private Duplex duplex;
  private TestServer server;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private DuplexMetricsBinder binder;

  @BeforeEach
  void start() {
    duplex = Duplex.builder().expose(Chat.class).maxQueuedCalls(2).streaming(true).maxHoldMillis(10_000).build();
    binder = new DuplexMetricsBinder(duplex);
    binder.bindTo(registry);
    server = TestServer.start(duplex);
  }

  @AfterEach
  void stop() throws Exception {
    binder.close();
    server.close();
    duplex.close();
  }

  private Timer calls(String method, String code) {
    return registry.find("duplex.calls").tags("service", "Chat", "method", method, "code", code).timer();
  }

  private double counter(String name) {
    return registry.get(name).functionCounter().count();
  }

  @Test
  void pushesPagesReachedDropsAndResyncs() {
    server.client().handshake("/chat.html");
    server.client().handshake("/chat.html");
    server.client().handshake("/other.html");

    for (int i = 0; i < 3; i++) {
      duplex.browser().page("/chat.html").call("show", i); // the third overflows both queues of 2
    }
    duplex.browser().page("/chat.html").call("show", 3); // queues already behind: a drop, no new resync
    duplex.browser().page("/nowhere.html").call("show", 4);

    assertEquals(5.0, counter("duplex.pushes"));
    assertEquals(8.0, counter("duplex.push.pages"));
    assertEquals(4.0, counter("duplex.queue.dropped"));
    assertEquals(2.0, counter("duplex.queue.resyncs"));
    assertEquals(3.0, registry.get("duplex.pages.open").gauge().value());
  }

  @Test
  void callsPagesAndRefusalsAfterAScenario() {
    DuplexTestClient ann = server.client().handshake("/chat.html");
    DuplexTestClient bob = server.client().handshake("/chat.html");

    ann.call("Chat", "send", "hello");
    bob.call("Chat", "send", "hi");
    ann.call("Chat", "send", "");
    bob.call("Chat", "count");
    ann.call("Chat", "shout", "x"); // unknown method: not a meter, its name came from the page
    ann.call("Spam", "send", "x");
    String wrongCsrf = DuplexTestClient.json("v", 1, "session", ann.session(), "csrf", "wrong", "calls",
        List.of(Map.of("id", 1, "service", "Chat", "method", "send", "args", List.of("x"))));
    assertEquals(403, ann.post("call", wrongCsrf).status());

    assertEquals(2, calls("send", "none").count());
    assertEquals(1, calls("send", "ROOM_FULL").count());
    assertEquals("error", calls("send", "ROOM_FULL").getId().getTag("outcome"));
    assertEquals(1, calls("count", "none").count());
    assertEquals(3, registry.find("duplex.calls").timers().size());
    assertNull(registry.find("duplex.calls").tag("method", "shout").timer());
    assertEquals(2.0, registry.get("duplex.pages.open").gauge().value());
    assertEquals(1.0, registry.get("duplex.refusals").tag("code", "CSRF_REJECTED").functionCounter().count());
    assertEquals(0.0, registry.get("duplex.refusals").tag("code", "ORIGIN_REJECTED").functionCounter().count());

    ann.unload();
    assertEquals(1.0, registry.get("duplex.pages.open").gauge().value());

    binder.close();
    bob.call("Chat", "count");
    assertEquals(1, calls("count", "none").count(), "a closed binder records nothing");
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  @Test
  void heldConnectionsQueueDepthsAndPushLatencyAfterAStreamingScenario() {
    DuplexTestClient reader = server.client().handshake("/chat.html");
    server.client().handshake("/chat.html"); // never reads
    assertEquals(0.0, registry.get("duplex.connections.held").tag("mode", "streaming").gauge().value());

    try (ReverseStream stream = reader.openStream()) {
      assertTrue(stream.next().has("open"));
      Await.until(() -> registry.get("duplex.connections.held").tag("mode", "streaming").gauge().value() == 1.0,
          "the stream is counted");
      assertEquals(0.0, registry.get("duplex.connections.held").tag("mode", "long_poll").gauge().value());
      assertEquals(0.0, registry.get("duplex.connections.held").tag("mode", "websocket").gauge().value());

      duplex.browser().page("/chat.html").call("show", "12345");
      duplex.browser().page("/chat.html").call("show", "67890");
      assertEquals(4.0, gauge("duplex.queue.entries"));
      assertEquals(4.0 * "\"fn\":\"show\",\"args\":[\"12345\"]".length(), gauge("duplex.queue.bytes"));
      assertEquals(2.0, gauge("duplex.queue.depth.max"));
      assertEquals(0.0, gauge("duplex.queue.behind"));

      Timer latency = registry.get("duplex.push.latency").timer();
      int lines = 0;
      for (int seen = 0; seen < 2; lines++) {
        seen += stream.nextSkippingHeartbeats().getAsJsonObject("reverse").getAsJsonArray("calls").size();
      }
      int written = lines;
      Await.until(() -> latency.count() == written, () -> "one record per write: " + latency.count());
      assertTrue(latency.max(TimeUnit.NANOSECONDS) > 0);

      assertEquals(204, reader.sendAck(2).status());
      assertEquals(2.0, gauge("duplex.queue.entries"), "the reader's entries are acknowledged");
      duplex.browser().page("/chat.html").call("show", "x"); // overflows the idle page's queue of 2
      // behind has not read the walk the entries read just took: it sees it until it ages (1 s).
      Await.until(() -> gauge("duplex.queue.behind") == 1.0, "the overflow shows once the last walk aged");
    }
    reader.unload();
    Await.until(() -> registry.get("duplex.connections.held").tag("mode", "streaming").gauge().value() == 0.0,
        "the stream is released");
  }

  @Test
  void oneWalkOfThePagesServesTheFourQueueGaugesOfAScrape() {
    AtomicInteger walks = new AtomicInteger();
    SimpleMeterRegistry own = new SimpleMeterRegistry();
    DuplexMetricsBinder counting = new DuplexMetricsBinder(duplex, () -> {
      walks.incrementAndGet();
      return duplex.queues();
    });
    counting.bindTo(own);
    try {
      server.client().handshake("/chat.html");
      duplex.browser().page("/chat.html").call("show", "12345");
      List<String> gauges = List.of("duplex.queue.entries", "duplex.queue.bytes", "duplex.queue.depth.max",
          "duplex.queue.behind");
      for (String name : gauges) {
        own.get(name).gauge().value();
      }
      assertEquals(1, walks.get(), "one scrape, one walk");
      assertEquals(1.0, own.get("duplex.queue.entries").gauge().value(), "a gauge read again walks anew");
      assertEquals(2, walks.get());

      duplex.browser().page("/chat.html").call("show", "67890");
      walks.set(0);
      for (String name : gauges) {
        own.get(name).gauge().value();
      }
      assertEquals(1, walks.get(), "the next scrape, one walk");
      assertEquals(2.0, own.get("duplex.queue.entries").gauge().value(), "and its figures are fresh");
    } finally {
      counting.close();
    }
  }

  @Test
  void bindingTwiceToOneRegistryCountsEachCallOnce() {
    binder.bindTo(registry); // as when both Spring Boot and the application bind it

    server.client().handshake("/chat.html").call("Chat", "count");

    assertEquals(1, calls("count", "none").count());
  }
}

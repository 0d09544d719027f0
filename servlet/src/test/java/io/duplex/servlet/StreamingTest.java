package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.ReverseAjax;
import io.duplex.ScriptSession;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Comet streaming over real HTTP: protocol section 4.4's lines, replacement, ending, stalls. */
class StreamingTest {
  private static final long HEARTBEAT_MILLIS = 200;
  private static final long HOLD_MILLIS = 2_000;
  @RegisterExtension
  static final RunningServer app =
      new RunningServer(() -> Duplex.builder()
          .reverseAjax(ReverseAjax.COMET)
          .streaming(true)
          .heartbeatMillis(HEARTBEAT_MILLIS)
          .maxHoldMillis(HOLD_MILLIS)
          .build());

  private static void queue(DuplexTestClient page, String fn, Object... args) {
    app.duplex().browser().session(page.session()).call(fn, args);
  }

  private static List<Long> seqs(JsonObject line) {
    List<Long> seqs = new ArrayList<>();
    JsonArray calls = line.getAsJsonObject("reverse").getAsJsonArray("calls");
    calls.forEach(c -> seqs.add(c.getAsJsonObject().get("seq").getAsLong()));
    return seqs;
  }

  @Test
  void aStreamOpensAtOnceAndDeliversCallsInOrderAsTheyAreQueued() {
    DuplexTestClient page = app.server().client().handshake("/stream.html");
    try (ReverseStream stream = page.openStream()) {
      assertEquals(200, stream.response().statusCode());
      assertTrue(stream.response().headers().firstValue("Content-Type").orElseThrow().startsWith("application/x-ndjson"));
      assertEquals("nosniff", stream.response().headers().firstValue("X-Content-Type-Options").orElseThrow());
      JsonObject open = stream.next();
      assertEquals(1, open.get("v").getAsInt());
      assertTrue(open.get("open").getAsBoolean());

      List<Long> seen = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        queue(page, "app.n", i);
      }
      while (seen.size() < 5) {
        JsonObject line = stream.nextSkippingHeartbeats();
        assertNotNull(line, "stream ended early");
        seen.addAll(seqs(line));
      }
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L), seen);
    }
  }

  @Test
  void entriesWaitingAfterTheAckAreWrittenRightAfterTheOpenLine() {
    DuplexTestClient page = app.server().client().handshake("/stream.html");
    queue(page, "app.a");
    queue(page, "app.b");
    queue(page, "app.c");
    try (ReverseStream stream = page.ack(1).openStream()) {
      assertTrue(stream.next().has("open"));
      assertEquals(List.of(2L, 3L), seqs(stream.nextSkippingHeartbeats()));
    }
  }

  @Test
  void aLargeDeliveryAndTheSmallOnesAfterItArriveWholeAndInOrderOnOneStream() {
    // A held connection's buffer starts small, grows for a large delivery and is let go after it:
    // what follows on the same stream must still arrive whole.
    DuplexTestClient page = app.server().client().handshake("/stream.html");
    String big = "x".repeat(50_000);
    try (ReverseStream stream = page.openStream()) {
      assertTrue(stream.next().has("open"));
      List<String> texts = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        queue(page, "app.text", big + round);
        queue(page, "app.text", "small " + round);
        while (texts.size() < 2 * (round + 1)) {
          JsonObject line = stream.nextSkippingHeartbeats();
          assertNotNull(line, "stream ended early");
          line.getAsJsonObject("reverse").getAsJsonArray("calls")
              .forEach(c -> texts.add(c.getAsJsonObject().getAsJsonArray("args").get(0).getAsString()));
        }
      }
      assertEquals(List.of(big + 0, "small 0", big + 1, "small 1", big + 2, "small 2"), texts);
    }
  }

  @Test
  void anIdleStreamWritesHeartbeats() {
    DuplexTestClient page = app.server().client().handshake("/stream.html");
    try (ReverseStream stream = page.openStream()) {
      assertTrue(stream.next().has("open"));
      for (int i = 0; i < 3; i++) {
        JsonObject line = stream.next();
        assertEquals("{\"hb\":1}", line.toString());
      }
    }
  }

  @Test
  void afterMaxHoldTheStreamClosesWithHold() {
    DuplexTestClient page = app.server().client().handshake("/stream.html");
    try (ReverseStream stream = page.openStream()) {
      JsonObject line;
      JsonObject last = null;
      while ((line = stream.next()) != null) {
        last = line;
      }
      assertEquals("{\"close\":\"hold\"}", last.toString());
      assertNull(stream.failure(), "ended normally");
    }
    assertEquals(200, page.batch().status(), "the page lives on after its stream");
  }

  @Test
  void manyHeldStreamsEachGetTheBroadcastTheirHeartbeatsAndTheirOwnClose() {
    int pages = 24;
    List<ReverseStream> streams = new ArrayList<>();
    try {
      for (int i = 0; i < pages; i++) {
        ReverseStream stream = app.server().client().handshake("/many.html").openStream();
        streams.add(stream);
        assertTrue(stream.next().has("open"));
      }
      app.duplex().browser().page("/many.html").call("app.news", "to all");
      for (ReverseStream stream : streams) {
        // Beats before the delivery count too: under load the first streams opened long before it.
        int heartbeats = 0;
        JsonObject delivery;
        while ((delivery = stream.next()) != null && delivery.has("hb")) {
          heartbeats++;
        }
        assertEquals(List.of(1L), seqs(delivery));
        JsonObject line;
        JsonObject last = null;
        while ((line = stream.next()) != null) {
          if (line.has("hb")) {
            heartbeats++;
          }
          last = line;
        }
        // A 2 s hold with a 200 ms heartbeat: the quiet streams all got beats, then all closed.
        assertTrue(heartbeats >= 3, "heartbeats: " + heartbeats);
        assertEquals("{\"close\":\"hold\"}", last.toString());
        assertNull(stream.failure(), "ended normally");
      }
    } finally {
      streams.forEach(ReverseStream::close);
    }
  }

  @Test
  void aNewerRequestReplacesTheHeldOne() {
    DuplexTestClient page = app.server().client().handshake("/stream.html");
    try (ReverseStream first = page.openStream()) {
      assertTrue(first.next().has("open"));
      try (ReverseStream second = page.openStream()) {
        assertTrue(second.next().has("open"));
        assertEquals("{\"close\":\"replaced\"}", first.nextSkippingHeartbeats().toString());
        assertNull(first.next(), "the replaced response ends after its close line");
        queue(page, "app.toTheNewest");
        assertEquals(List.of(1L), seqs(second.nextSkippingHeartbeats()));
      }
    }
  }

  @Test
  void endingTheSessionClosesItsStreamWithEnded() {
    DuplexTestClient page = app.server().client().handshake("/stream.html");
    try (ReverseStream stream = page.openStream()) {
      assertTrue(stream.next().has("open"));
      ScriptSession session = app.duplex().browser().session(page.session()).sessions().iterator().next();
      session.invalidate();
      assertEquals("{\"close\":\"ended\"}", stream.nextSkippingHeartbeats().toString());
      assertNull(stream.next());
    }
    assertEquals("SESSION_UNKNOWN", page.reverse().errorCode());

    DuplexTestClient unloading = app.server().client().handshake("/stream.html");
    try (ReverseStream stream = unloading.openStream()) {
      assertTrue(stream.next().has("open"));
      assertEquals(204, unloading.unload().status());
      assertEquals("{\"close\":\"ended\"}", stream.nextSkippingHeartbeats().toString());
    }
  }

  @Test
  void theAckEndpointDropsWhatTheStreamDelivered() {
    DuplexTestClient page = app.server().client().handshake("/stream.html");
    try (ReverseStream stream = page.openStream()) {
      assertTrue(stream.next().has("open"));
      queue(page, "app.a");
      queue(page, "app.b");
      List<Long> seen = new ArrayList<>();
      while (seen.size() < 2) {
        seen.addAll(seqs(stream.nextSkippingHeartbeats()));
      }
      assertEquals(204, page.sendAck(2).status());
    }
    assertEquals(0, app.duplex().browser().session(page.session()).sessions().iterator().next().queueStats().depth());
  }

  @Test
  void aPageThatStopsReadingBlocksNeitherTheCallerNorOtherPages() throws Exception {
    DuplexTestClient stalled = app.server().client().handshake("/stalled.html");
    DuplexTestClient healthy = app.server().client().handshake("/healthy.html");
    String cookie = stalled.cookies().getCookieStore().getCookies().get(0).toString();
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), app.server().port()));
      String body = DuplexTestClient.json("v", 1, "session", stalled.session(), "csrf", stalled.csrf(), "ack", 0);
      String request = "POST " + app.server().basePath() + "/reverse HTTP/1.1\r\nHost: 127.0.0.1:" + app.server().port()
          + "\r\nOrigin: " + app.server().origin() + "\r\nContent-Type: application/json\r\nCookie: " + cookie
          + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] head = new byte[16];
      assertTrue(in.read(head) > 0, "the stream opened");
      // From now on nothing is read from this socket.

      String big = "x".repeat(20_000);
      CompletableFuture<Void> producer =
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < 800; i++) {
                  app.duplex().browser().session(stalled.session()).call("app.big", i, big);
                }
              });
      try (ReverseStream other = healthy.openStream()) {
        assertTrue(other.next().has("open"));
        producer.get(20, TimeUnit.SECONDS);
        queue(healthy, "app.stillServed");
        assertEquals(List.of(1L), seqs(other.nextSkippingHeartbeats()));
      }
      assertTrue(app.duplex().browser().session(stalled.session()).sessions().iterator().next().queueStats().dropped() > 0,
          "the stalled page's own queue overflowed instead");
    }
  }

  @Test
  void everyCallRunsExactlyOnceInOrderAcrossCutConnections() throws Exception {
    try (CuttingProxy proxy = new CuttingProxy(app.server().port())) {
      DuplexTestClient page = app.server().clientVia(proxy.port()).handshake("/flaky.html");
      List<String> expected = new ArrayList<>();
      try (PageLoop loop = new PageLoop(page)) {
        int n = 0;
        for (int round = 0; round < 6; round++) {
          int connectionsBefore = loop.connections();
          for (int i = 0; i < 5; i++) {
            n++;
            queue(page, "app.n", n);
            expected.add("app.n[" + n + "]");
          }
          int target = n;
          if (round % 2 == 0) {
            Await.until(() -> loop.state().ran().size() >= target - 2, "some of round " + round + " to arrive");
            proxy.cutAll();
          } else {
            // The server writes these into a connection whose bytes never reach the page.
            Await.until(() -> loop.state().ran().size() >= target, "round " + round + " to arrive");
            long swallowedBefore = proxy.swallowedBytes();
            proxy.swallowResponses(true);
            for (int i = 0; i < 3; i++) {
              n++;
              queue(page, "app.n", n);
              expected.add("app.n[" + n + "]");
            }
            Await.until(() -> proxy.swallowedBytes() > swallowedBefore, "the server to write into the void");
            int ranBeforeCut = loop.state().ran().size();
            proxy.cutAll();
            assertEquals(target, ranBeforeCut, "the page never saw the swallowed calls");
            proxy.swallowResponses(false);
          }
          Await.until(() -> loop.connections() > connectionsBefore, "the page to reconnect");
        }
        Await.until(() -> loop.state().ran().size() >= expected.size(), "every call to run");
        assertEquals(expected, loop.state().ran());
        assertEquals(0, loop.state().resyncDropped());
      }
    }
  }

  @Test
  void nothingIsHeldForRefusedRequests() {
    DuplexTestClient page = app.server().client().handshake("/stream.html");
    page.useSession(page.session(), "wrong");
    assertEquals("CSRF_REJECTED", page.reverse().errorCode());
    assertFalse(page.reverse().body().contains("open"));
  }
}

package io.duplex.servlet;

import static io.duplex.servlet.DuplexTestClient.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.QueueStats;
import io.duplex.ReverseAjax;
import io.duplex.ScriptSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * reverseAjax=websocket over a real WebSocket to embedded Jetty (protocol section 4.6): calls,
 * batches and pushes on one socket, and each check a request over HTTP passes, on the upgrade or
 * on the frames.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSocketTest {
  private static final int MAX_BODY = 4_096;
  private Duplex duplex;
  private TestServer server;

  @BeforeAll
  void start() {
    duplex = Duplex.builder()
        .expose(TestServices.Echo.class)
        .expose(TestServices.Async.class)
        .reverseAjax(ReverseAjax.WEBSOCKET)
        .maxBodyBytes(MAX_BODY)
        .maxCallsPerBatch(3)
        .maxHeldPerHttpSession(2)
        .build();
    server = TestServer.builder().duplex(duplex).filter(new TestUserFilter()).start();
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
    duplex.close();
  }

  private static JsonObject value(JsonObject answer, int index) {
    return answer.getAsJsonArray("results").get(index).getAsJsonObject();
  }

  @Test
  void theHandshakeSaysWebsocketAndCallsAndBatchesRunOnTheSocket() {
    DuplexTestClient page = server.client().handshake("/ws.html");
    assertEquals("websocket", page.handshakeResponse().getAsJsonObject("reverse").get("mode").getAsString());
    try (TestSocket socket = TestSocket.connect(page).open(1)) {
      assertEquals("{\"v\":1,\"open\":true}", socket.next().toString());
      socket.call(7, call(1, "Echo", "echo", "hi"));
      JsonObject answer = socket.answer(7);
      assertEquals(1, answer.get("v").getAsInt());
      assertEquals("{\"id\":1,\"value\":\"hi\"}", value(answer, 0).toString());

      socket.call(8, call(1, "Echo", "add", 2, 3), call(2, "Echo", "nope"), call(3, "Echo", "httpSessionId"));
      JsonObject batch = socket.answer(8);
      assertEquals(5, value(batch, 0).get("value").getAsInt());
      assertEquals("UNKNOWN_METHOD", value(batch, 1).getAsJsonObject("error").get("code").getAsString());
      assertEquals(page.value("Echo", "httpSessionId"), value(batch, 2).get("value"),
          "the HTTP session of the upgrade request is injected");
      assertFalse(batch.has("reverse"), "the socket delivers reverse calls itself");
    }
  }

  @Test
  void pushesArriveOnTheSocketAndAreAcknowledgedOnIt() {
    DuplexTestClient page = server.client().handshake("/push.html");
    try (TestSocket socket = TestSocket.connect(page).open(1)) {
      assertTrue(socket.next().has("open"));
      duplex.browser().session(page.session()).call("app.n", 1);
      duplex.browser().session(page.session()).call("app.n", 2);
      PageState state = new PageState();
      while (state.ran().size() < 2) {
        JsonObject line = socket.nextSkippingHeartbeats();
        assertTrue(state.apply(line.getAsJsonObject("reverse")), line.toString());
      }
      assertEquals(java.util.List.of("app.n[1]", "app.n[2]"), state.ran());
      socket.ack(2);
      // Frames are handled in order: once this call is answered, the ack has been taken.
      socket.call(1, call(1, "Echo", "echo", "x")).answer(1);
      QueueStats stats = stats(page);
      assertEquals(2, stats.ackedSeq());
      assertEquals(0, stats.depth());
    }
  }

  @Test
  void theServerAsksForAnAckOnceAQuarterOfMaxQueuedCallsWaitsUnacknowledged() {
    // maxQueuedCalls is 1,000 by default: a page that has not acked 250 entries is asked to.
    DuplexTestClient page = server.client().handshake("/push.html");
    try (TestSocket socket = TestSocket.connect(page).open(1)) {
      assertTrue(socket.next().has("open"));
      var session = duplex.browser().session(page.session());
      PageState state = new PageState();
      for (int i = 1; i <= 249; i++) {
        session.call("app.n", i);
      }
      while (state.ran().size() < 249) {
        JsonObject reverse = socket.nextSkippingHeartbeats().getAsJsonObject("reverse");
        assertFalse(reverse.has("ackNow"), "249 unacknowledged: the page acks on its interval");
        assertTrue(state.apply(reverse));
      }
      session.call("app.n", 250);
      JsonObject asking = socket.nextSkippingHeartbeats().getAsJsonObject("reverse");
      assertTrue(asking.get("ackNow").getAsBoolean(), asking.toString());
      assertTrue(state.apply(asking));

      socket.ack(250);
      // A socket's frames are read in order: once this call is answered, the ack has been read.
      socket.call(1, call(1, "Echo", "echo", "x")).answer(1);
      session.call("app.n", 251);
      JsonObject after = socket.nextSkippingHeartbeats().getAsJsonObject("reverse");
      assertFalse(after.has("ackNow"), "acknowledged: nothing to ask");
      assertTrue(state.apply(after));
      assertEquals(251, state.ran().size());
    }
  }

  @Test
  void aLargeFrameUpToMaxBodyBytesIsServed() throws Exception {
    // Browsers send a message as one frame: containers' default frame limits (64 KB) must not apply.
    Duplex defaults = Duplex.builder().expose(TestServices.Echo.class).reverseAjax(ReverseAjax.WEBSOCKET).build();
    try (TestServer big = TestServer.start(defaults)) {
      DuplexTestClient page = big.client().handshake("/large.html");
      String text = "é€😀".repeat(50_000);
      try (TestSocket socket = TestSocket.connect(page).open(1)) {
        socket.next();
        socket.call(1, call(1, "Echo", "echo", text));
        assertEquals(text, value(socket.answer(1), 0).get("value").getAsString());
      }
    } finally {
      defaults.close();
    }
  }

  @Test
  void rolesOfTheUpgradeRequestApplyToCallsOnTheSocket() {
    DuplexTestClient page = server.client().handshake("/roles.html");
    try (TestSocket admin = TestSocket.connect(page, TestUserFilter.USER, "ann", TestUserFilter.ROLES, "admin").open(1)) {
      admin.next();
      assertEquals("admin ok", value(admin.call(1, call(1, "Echo", "adminOnly")).answer(1), 0).get("value").getAsString());
    }
    try (TestSocket anonymous = TestSocket.connect(page).open(2)) {
      anonymous.next();
      assertEquals("UNAUTHENTICATED",
          value(anonymous.call(1, call(1, "Echo", "adminOnly")).answer(1), 0).getAsJsonObject("error").get("code").getAsString());
    }
  }

  @Test
  void anUpgradeFromAnotherOriginIsRefusedBeforeAnySocketExists() {
    DuplexTestClient page = server.client().handshake("/origin.html");
    assertEquals(403, TestSocket.upgradeStatus(page, "http://evil.example"));
    assertEquals(403, TestSocket.upgradeStatus(page, null), "neither Origin nor Referer");
    assertEquals(101, TestSocket.upgradeStatus(page, server.origin()));
  }

  @Test
  void aWrongTokenOnTheOpenFrameIsRefusedWithItsCodeAndTheSocketClosed() {
    DuplexTestClient page = server.client().handshake("/csrf.html");
    duplex.browser().session(page.session()).call("app.n", 1);
    DuplexTestClient forged = page.useSession(page.session(), "wrong").ack(1);
    long refusedBefore = duplex.refusals().count("CSRF_REJECTED");
    try (TestSocket socket = TestSocket.connect(forged).open(1)) {
      JsonObject line = socket.next();
      assertEquals("CSRF_REJECTED", line.getAsJsonObject("error").get("code").getAsString(), line.toString());
      assertEquals("1008 CSRF_REJECTED", socket.closeStatus());
    }
    assertEquals(refusedBefore + 1, duplex.refusals().count("CSRF_REJECTED"), "a refused frame is counted");
    assertEquals(0, stats(page).ackedSeq(), "the refused frame's ack was not taken");
  }

  @Test
  void aFirstFrameThatIsNotOpenIsRefused() {
    DuplexTestClient page = server.client().handshake("/first.html");
    try (TestSocket socket = TestSocket.connect(page)) {
      socket.call(3, call(1, "Echo", "echo", "early"));
      JsonObject line = socket.next();
      assertEquals(3, line.get("n").getAsLong());
      assertEquals("MALFORMED_REQUEST", line.getAsJsonObject("error").get("code").getAsString());
      assertEquals("1008 MALFORMED_REQUEST", socket.closeStatus());
    }
    try (TestSocket socket = TestSocket.connect(page)) {
      socket.send("{\"v\":2,\"op\":\"open\"}");
      assertEquals("UNSUPPORTED_VERSION", socket.next().getAsJsonObject("error").get("code").getAsString());
    }
  }

  @Test
  void anOversizeOrTooLargeBatchIsRefusedWithItsNumberAndTheSocketServesOn() {
    DuplexTestClient page = server.client().handshake("/big.html");
    try (TestSocket socket = TestSocket.connect(page).open(1)) {
      socket.next();
      socket.call(4, call(1, "Echo", "echo", "x".repeat(MAX_BODY)));
      JsonObject tooLarge = socket.answer(4);
      assertEquals("PAYLOAD_TOO_LARGE", tooLarge.getAsJsonObject("error").get("code").getAsString());
      // Fewer characters than the limit, more bytes: counted in bytes.
      socket.call(8, call(1, "Echo", "echo", "é".repeat(MAX_BODY / 2 + 64)));
      assertEquals("PAYLOAD_TOO_LARGE", socket.answer(8).getAsJsonObject("error").get("code").getAsString());

      socket.call(5, call(1, "Echo", "echo", "a"), call(2, "Echo", "echo", "b"), call(3, "Echo", "echo", "c"),
          call(4, "Echo", "echo", "d"));
      assertEquals("TOO_MANY_CALLS", socket.answer(5).getAsJsonObject("error").get("code").getAsString());

      socket.send("{\"n\":6,\"v\":1,\"op\":\"call\",\"calls\":[");
      assertEquals("MALFORMED_REQUEST", socket.next().getAsJsonObject("error").get("code").getAsString());

      socket.call(7, call(1, "Echo", "echo", "still here"));
      assertEquals("still here", value(socket.answer(7), 0).get("value").getAsString());
      assertFalse(socket.isClosed());
    }
  }

  @Test
  void callFramesWaitingForTheirResultsAreBoundedPerSocket() {
    DuplexTestClient page = server.client().handshake("/waiting.html");
    try (TestSocket socket = TestSocket.connect(page).open(1)) {
      socket.next();
      for (int i = 1; i <= 16; i++) {
        socket.call(100 + i, call(1, "Async", "waitFor", "ws-bound-" + i));
      }
      Await.until(() -> TestServices.Async.isAwaited("ws-bound-16"), () -> "16 calls waiting");
      socket.call(200, call(1, "Async", "waitFor", "ws-bound-17"));
      assertEquals("TOO_MANY_CALLS", socket.answer(200).getAsJsonObject("error").get("code").getAsString());
      assertFalse(TestServices.Async.isAwaited("ws-bound-17"));

      TestServices.Async.future("ws-bound-1").complete("one");
      assertEquals("one", value(socket.answer(101), 0).get("value").getAsString());
      socket.call(201, call(1, "Echo", "echo", "room again"));
      assertEquals("room again", value(socket.answer(201), 0).get("value").getAsString());
      assertFalse(socket.isClosed());
    } finally {
      for (int i = 2; i <= 16; i++) {
        TestServices.Async.future("ws-bound-" + i).complete("done");
      }
    }
  }

  @Test
  void aNewerSocketReplacesTheOlderAndAnEndedPageClosesItsSocket() {
    DuplexTestClient page = server.client().handshake("/replace.html");
    try (TestSocket first = TestSocket.connect(page).open(1)) {
      first.next();
      try (TestSocket second = TestSocket.connect(page).open(2)) {
        assertTrue(second.next().has("open"));
        assertEquals("replaced", first.nextSkippingHeartbeats().get("close").getAsString());
        assertEquals("1000 replaced", first.closeStatus());

        assertEquals(204, page.unload().status());
        assertEquals("ended", second.nextSkippingHeartbeats().get("close").getAsString());
        assertEquals("1000 ended", second.closeStatus());
      }
    }
  }

  @Test
  void aCallThatEndsTheSessionGetsItsResultBeforeTheSocketCloses() {
    DuplexTestClient page = server.client().handshake("/logout.html");
    try (TestSocket socket = TestSocket.connect(page).open(1)) {
      socket.next();
      socket.call(1, call(1, "Echo", "invalidateHttpSession"));
      JsonObject answer = socket.nextSkippingHeartbeats();
      assertEquals(1, answer.get("n").getAsLong(), answer.toString());
      assertEquals("{\"id\":1}", value(answer, 0).toString());
      assertEquals("ended", socket.nextSkippingHeartbeats().get("close").getAsString());
      assertEquals("1000 ended", socket.closeStatus());
    }
  }

  @Test
  void socketsCountAsHeldConnectionsOfTheirBrowser() {
    DuplexTestClient browser = server.client().handshake("/one.html");
    String firstPage = browser.session();
    String csrf = browser.csrf();
    DuplexTestClient second = browser.handshake("/two.html");
    String secondPage = second.session();
    DuplexTestClient third = browser.handshake("/three.html");
    String thirdPage = third.session();
    try (TestSocket a = TestSocket.connect(browser.useSession(firstPage, csrf)).open(1);
        TestSocket b = TestSocket.connect(browser.useSession(secondPage, csrf)).open(1)) {
      a.next();
      b.next();
      duplex.browser().session(thirdPage).call("app.n", 1);
      try (TestSocket c = TestSocket.connect(browser.useSession(thirdPage, csrf)).open(1)) {
        JsonObject answer = c.next();
        assertEquals("poll", answer.get("advice").getAsString(), answer.toString());
        JsonArray calls = answer.getAsJsonObject("reverse").getAsJsonArray("calls");
        assertEquals(1, calls.size(), "what is queued still arrives");
        assertEquals("1000 poll", c.closeStatus());
      }
    }
  }

  @Test
  void withoutTheContainersWebSocketSupportStartupFailsNamingTheFix() {
    Duplex socketMode = Duplex.builder().expose(TestServices.Echo.class).reverseAjax(ReverseAjax.WEBSOCKET).build();
    try {
      Throwable failure = assertThrows(Throwable.class,
          () -> TestServer.builder().duplex(socketMode).withoutWebSockets().start().close());
      String messages = "";
      for (Throwable t = failure; t != null; t = t.getCause()) {
        messages += t.getMessage() + "\n";
      }
      assertTrue(messages.contains("JakartaWebSocketServletContainerInitializer"), messages);
      assertTrue(messages.contains("reverseAjax=websocket"), messages);
    } finally {
      socketMode.close();
    }
  }

  @Test
  void inOtherModesThereIsNoSocketEndpoint() throws Exception {
    Duplex comet = Duplex.builder().expose(TestServices.Echo.class).build();
    try (TestServer plain = TestServer.start(comet)) {
      DuplexTestClient page = plain.client().handshake("/comet.html");
      assertEquals(404, TestSocket.upgradeStatus(page, plain.origin()));
    } finally {
      comet.close();
    }
  }

  @Test
  void aGracefulStopClosesSocketsWithGoingAway() throws Exception {
    Duplex own = Duplex.builder().expose(TestServices.Echo.class).reverseAjax(ReverseAjax.WEBSOCKET).build();
    // A graceful stop, as README "Stopping" sets up: the servlet's held connections end first.
    TestServer stopping = TestServer.builder().duplex(own).stopTimeoutMillis(5_000).start();
    try {
      DuplexTestClient page = stopping.client().handshake("/stop.html");
      try (TestSocket socket = TestSocket.connect(page).open(1)) {
        socket.next();
        long started = System.nanoTime();
        stopping.close();
        assertTrue(System.nanoTime() - started < 3_000_000_000L, "the stop did not wait out its timeout");
        // Ours ({"close":"hold"}, 1001) or Jetty's own (1001) close may come first: both say "going
        // away", on which the engine reconnects; never a dropped connection (1006).
        JsonObject last = socket.nextSkippingHeartbeats();
        if (last != null) {
          assertEquals("hold", last.get("close").getAsString());
        }
        assertTrue(socket.closeStatus().startsWith("1001 "), socket.closeStatus());
      }
    } finally {
      stopping.close();
      own.close();
    }
  }

  private QueueStats stats(DuplexTestClient page) {
    ScriptSession session = duplex.browser().session(page.session()).sessions().stream().findFirst().orElse(null);
    assertTrue(session != null, "the page is open");
    return session.queueStats();
  }
}

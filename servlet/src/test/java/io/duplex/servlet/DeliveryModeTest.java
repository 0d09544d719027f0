package io.duplex.servlet;

import static io.duplex.servlet.DuplexTestClient.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.QueueStats;
import io.duplex.ScriptSession;
import io.duplex.ScriptSessionListener;
import io.duplex.Targets;
import io.duplex.servlet.DuplexTestClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every delivery mode promises, over real HTTP: exactly once and in order across cut
 * connections, overflow with resync, session binding, expiry and listeners. A subclass per mode
 * says how that mode's page asks for reverse calls; each gets its own server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeliveryModeTest {
  /** Above what the exactly-once test has in flight at worst, so only the overflow test overflows. */
  static final int MAX_QUEUED = 600;
  /**
   * scriptSessionTimeoutMillis of the expiry test's own server. Short, yet long enough that a page
   * polling every few milliseconds never looks idle on a busy machine.
   */
  static final long EXPIRY_MILLIS = 2_000;
  private static final int CALLS = 500;
  private static final int ROUNDS = 10;
  private static final AtomicInteger PAGES = new AtomicInteger();

  final Recorder listener = new Recorder();
  Duplex duplex;
  TestServer server;

  /** The mode and its timings; the server's limits are set by this class. */
  abstract Duplex.Builder mode(Duplex.Builder builder);

  /** The page's loop in this mode, started now. */
  abstract DeliveryLoop startLoop(DuplexTestClient page);

  /** One request of this mode's transport with the page's ack, returning the reverse object. */
  abstract JsonObject fetchOnce(DuplexTestClient page);

  /**
   * Sends {@code page.ack()} the way this mode's page does, then runs {@code queueNext} and returns
   * the page's next delivery. Here: the page's next request carries the ack and, with nothing after
   * it, is answered with an empty object (no resync either); the request after it gets the news.
   */
  JsonObject acknowledgeThenReceive(DuplexTestClient page, Runnable queueNext) {
    assertEquals("{}", fetchOnce(page).toString(), "acknowledged: nothing to deliver, no resync");
    queueNext.run();
    return fetchOnce(page);
  }

  /** A request of this mode's transport, for its status: /reverse, or /call in piggyback mode. */
  abstract Response transportRequest(DuplexTestClient page);

  @BeforeAll
  void start() {
    duplex =
        mode(Duplex.builder())
            .expose(TestServices.Echo.class)
            .maxQueuedCalls(MAX_QUEUED)
            .listener(listener)
            .build();
    server = TestServer.start(duplex);
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
    duplex.close();
  }

  @Test
  void everyPageRunsEveryCallExactlyOnceInOrderAcrossCutConnections() throws Exception {
    String pageName = uniquePage("feed");
    try (CuttingProxy proxy = new CuttingProxy(server.port())) {
      DuplexTestClient first = server.clientVia(proxy.port()).handshake(pageName);
      DuplexTestClient second = server.clientVia(proxy.port()).handshake(pageName);
      List<String> expected = new ArrayList<>();
      for (int n = 1; n <= CALLS; n++) {
        expected.add("app.n[" + n + "]");
      }
      try (DeliveryLoop a = startLoop(first);
          DeliveryLoop b = startLoop(second);
          Publisher publisher = new Publisher(duplex.browser().page(pageName))) {
        int perRound = CALLS / ROUNDS;
        for (int round = 0; round < ROUNDS; round++) {
          int r = round;
          int connectionsA = a.connections();
          int connectionsB = b.connections();
          if (round % 2 == 0) {
            // Cut everything while this round's calls are arriving.
            publisher.allow(perRound);
            int started = round * perRound;
            Await.until(
                () -> a.state().ran().size() > started && b.state().ran().size() > started,
                () -> "round " + r + " to start arriving; " + progress(a, b, proxy));
            proxy.cutAll();
            Await.until(
                () -> a.connections() > connectionsA && b.connections() > connectionsB,
                () -> "both pages to ask again after the cut of round " + r + "; " + progress(a, b, proxy));
          } else {
            // The server writes a whole delivery; the page gets half of it and a broken connection.
            int cutsBefore = proxy.deliveryCuts();
            proxy.cutInsideNextDelivery();
            publisher.allow(perRound);
            Await.until(
                () -> proxy.deliveryCuts() > cutsBefore,
                () -> "a delivery of round " + r + " to be cut; " + progress(a, b, proxy));
          }
        }
        publisher.finish();
        Await.until(
            () -> a.state().ran().size() >= CALLS && b.state().ran().size() >= CALLS,
            () -> "every call to run in both pages; " + progress(a, b, proxy));
        assertEquals(expected, a.state().ran(), "first page");
        assertEquals(expected, b.state().ran(), "second page");
        assertEquals(ROUNDS / 2, proxy.deliveryCuts(), "deliveries cut in the middle");
        assertEquals(0, a.state().resyncDropped() + b.state().resyncDropped());
        assertEquals(0, stats(first).dropped() + stats(second).dropped(), "nothing overflowed");
      }
    }
  }

  @Test
  void aPageThatFallsBehindGetsResyncThenTheRestInOrderUntilItAcknowledges() {
    DuplexTestClient page = server.client().handshake(uniquePage("behind"));
    int over = 7;
    Targets target = duplex.browser().session(page.session());
    for (int n = 1; n <= MAX_QUEUED + over; n++) {
      target.call("app.n", n);
    }
    QueueStats full = stats(page);
    assertEquals(MAX_QUEUED, full.depth());
    assertEquals(over, full.dropped());
    assertTrue(full.behind());

    JsonObject reverse = fetchOnce(page);
    JsonObject resync = reverse.getAsJsonObject("resync");
    assertNotNull(resync, reverse.toString());
    assertEquals(over, resync.get("dropped").getAsLong());
    assertEquals(over + 1, resync.get("next").getAsLong());
    PageState state = new PageState();
    assertTrue(state.apply(reverse));
    List<String> rest = new ArrayList<>();
    for (int n = over + 1; n <= MAX_QUEUED + over; n++) {
      rest.add("app.n[" + n + "]");
    }
    assertEquals(rest, state.ran());
    assertEquals(over, state.resyncDropped());

    JsonObject again = fetchOnce(page.ack(0));
    assertTrue(again.has("resync"), "every delivery says what was lost until the page acknowledges");

    page.ack(state.lastSeq());
    JsonObject caughtUp =
        acknowledgeThenReceive(
            page,
            () -> {
              assertFalse(stats(page).behind(), "caught up once acknowledged");
              target.call("app.n", MAX_QUEUED + over + 1);
            });
    assertFalse(caughtUp.has("resync"), caughtUp.toString());
    assertTrue(state.apply(caughtUp));
    assertEquals("app.n[" + (MAX_QUEUED + over + 1) + "]", state.ran().get(state.ran().size() - 1));
    QueueStats after = stats(page);
    assertFalse(after.behind());
    assertEquals(over, after.dropped(), "drops since the session began");
    assertEquals(MAX_QUEUED + over, after.ackedSeq());
  }

  @Test
  void anotherHttpSessionCannotReadAcknowledgeCallOrEndAPage() throws Exception {
    DuplexTestClient page = server.client().handshake(uniquePage("bound"));
    Targets target = duplex.browser().session(page.session());
    for (int n = 1; n <= 5; n++) {
      target.call("app.n", n);
    }
    // Another browser that knows the page's session id, and even its token.
    DuplexTestClient other = server.client().handshake(uniquePage("other")).useSession(page.session(), page.csrf());
    DuplexTestClient noCookies = server.client().useSession(page.session(), page.csrf());
    for (DuplexTestClient forger : List.of(other, noCookies)) {
      forger.ack(1_000_000);
      assertMismatch(transportRequest(forger));
      assertMismatch(forger.reverse());
      assertMismatch(forger.sendAck(1_000_000));
      assertMismatch(forger.batch(call(1, "Echo", "echo", "forged")));
      assertMismatch(forger.unload());
    }
    QueueStats stats = stats(page);
    assertEquals(5, stats.depth(), "nothing acknowledged");
    assertEquals(0, stats.ackedSeq());
    assertEquals(0, stats.dropped());
    assertEquals(0, listener.destroyedCount(page.session()), "not ended");

    try (DeliveryLoop loop = startLoop(page)) {
      Await.until(() -> loop.state().ran().size() >= 5, "the page to get its calls");
      // While the page is connected, a forged request must not take its place either.
      assertMismatch(transportRequest(other));
      assertMismatch(other.sendAck(1_000_000));
      for (int n = 6; n <= 10; n++) {
        target.call("app.n", n);
      }
      Await.until(() -> loop.state().ran().size() >= 10, "the page to get the later calls");
      List<String> expected = new ArrayList<>();
      for (int n = 1; n <= 10; n++) {
        expected.add("app.n[" + n + "]");
      }
      assertEquals(expected, loop.state().ran());
    }
    assertEquals(0, stats(page).dropped());
  }

  @Test
  void aPageThatStopsAskingExpiresWhileAPageUsingTheTransportLivesOn() throws Exception {
    String pageName = "/expiry.html";
    Recorder expiries = new Recorder();
    Duplex shortLived =
        mode(Duplex.builder())
            .expose(TestServices.Echo.class)
            .scriptSessionTimeoutMillis(EXPIRY_MILLIS)
            .listener(expiries)
            .build();
    try (TestServer expiring = TestServer.start(shortLived)) {
      DuplexTestClient active = expiring.client().handshake(pageName);
      try (DeliveryLoop loop = startLoop(active)) {
        DuplexTestClient idle = expiring.client().handshake(pageName);
        shortLived.browser().session(idle.session()).call("app.hello");
        PageState idleState = new PageState();
        assertTrue(idleState.apply(fetchOnce(idle)));
        assertEquals(List.of("app.hello[]"), idleState.ran());

        Await.until(() -> expiries.destroyedCount(idle.session()) == 1, "the idle page to expire");
        Response refused = transportRequest(idle.ack(idleState.lastSeq()));
        assertEquals(410, refused.status());
        assertEquals("SESSION_UNKNOWN", refused.errorCode());
        assertEquals(0, shortLived.browser().session(idle.session()).count());

        // The active page was opened first, so it has been alive longer than the idle one was.
        assertEquals(0, expiries.destroyedCount(active.session()));
        assertEquals(Set.of(active.session()), ids(shortLived.browser().page(pageName)));
        shortLived.browser().page(pageName).call("app.stillHere");
        Await.until(() -> loop.state().ran().contains("app.stillHere[]"), "the active page to get a call");
      }
    } finally {
      shortLived.close();
    }
  }

  @Test
  void listenersHearHandshakeUnloadAndTheEndOfAnHttpSession() {
    String pageName = uniquePage("listen");
    DuplexTestClient unloading = server.client().handshake(pageName);
    assertEquals(1, listener.createdCount(unloading.session()), "created during the handshake");
    assertEquals(pageName, listener.created(unloading.session()).page());
    assertEquals(204, unloading.unload().status());
    assertEquals(1, listener.destroyedCount(unloading.session()), "destroyed during the unload");
    assertEquals(0, duplex.browser().session(unloading.session()).count());

    // Two tabs of one browser, on different pages, and a page of another browser.
    DuplexTestClient browser = server.client().handshake(pageName);
    String firstTab = browser.session();
    String secondTab = browser.handshake(uniquePage("listen-other")).session();
    DuplexTestClient stranger = server.client().handshake(pageName);
    String httpSession = listener.created(firstTab).httpSessionId();
    assertEquals(Set.of(firstTab, secondTab), ids(duplex.browser().httpSession(httpSession)));

    assertEquals(200, browser.batch(call(1, "Echo", "invalidateHttpSession")).status());
    assertEquals(1, listener.destroyedCount(firstTab));
    assertEquals(1, listener.destroyedCount(secondTab));
    assertEquals(0, listener.destroyedCount(stranger.session()));
    assertEquals(0, duplex.browser().httpSession(httpSession).count());
    assertEquals(Set.of(stranger.session()), ids(duplex.browser().page(pageName)));
    assertEquals("SESSION_UNKNOWN", transportRequest(browser.useSession(firstTab, browser.csrf())).errorCode());

    duplex.browser().page(pageName).call("app.onlyTheStranger");
    PageState state = new PageState();
    assertTrue(state.apply(fetchOnce(stranger)));
    assertEquals(List.of("app.onlyTheStranger[]"), state.ran());
  }

  /** A page name no other test uses, so a broadcast to it reaches this test's pages only. */
  private static String uniquePage(String name) {
    return "/" + name + "-" + PAGES.incrementAndGet() + ".html";
  }

  private static String progress(DeliveryLoop a, DeliveryLoop b, CuttingProxy proxy) {
    return "pages ran " + a.state().ran().size() + " and " + b.state().ran().size() + " (gaps " + a.state().gaps()
        + ", " + b.state().gaps() + "), made " + a.connections() + " and " + b.connections() + " requests"
        + stop("first", a) + stop("second", b) + "; " + proxy.deliveryCuts() + " deliveries cut";
  }

  private static String stop(String name, DeliveryLoop loop) {
    String reason = loop.stoppedBecause();
    return reason == null ? "" : ", the " + name + " page stopped (" + reason + ")";
  }

  QueueStats stats(DuplexTestClient page) {
    ScriptSession session = duplex.browser().session(page.session()).sessions().stream().findFirst().orElse(null);
    assertNotNull(session, "the page is open");
    return session.queueStats();
  }

  static JsonObject reverseOf(Response response) {
    assertEquals(200, response.status(), response.body());
    JsonObject reverse = response.json().getAsJsonObject("reverse");
    return reverse == null ? new JsonObject() : reverse;
  }

  private static void assertMismatch(Response response) {
    assertEquals(403, response.status(), response.body());
    assertEquals("SESSION_MISMATCH", response.errorCode());
  }

  private static Set<String> ids(Targets targets) {
    return targets.sessions().stream().map(ScriptSession::id).collect(Collectors.toSet());
  }

  /** Every created and destroyed event, with the session it was about. */
  static final class Recorder implements ScriptSessionListener {
    private final List<ScriptSession> created = new CopyOnWriteArrayList<>();
    private final List<ScriptSession> destroyed = new CopyOnWriteArrayList<>();

    @Override
    public void created(ScriptSession session) {
      created.add(session);
    }

    @Override
    public void destroyed(ScriptSession session) {
      destroyed.add(session);
    }

    ScriptSession created(String id) {
      return created.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    long createdCount(String id) {
      return created.stream().filter(s -> s.id().equals(id)).count();
    }

    long destroyedCount(String id) {
      return destroyed.stream().filter(s -> s.id().equals(id)).count();
    }
  }

  /** Broadcasts app.n(1), app.n(2), ... on its own thread, as many as it has been allowed. */
  private static final class Publisher implements AutoCloseable {
    private final Semaphore allowed = new Semaphore(0);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    Publisher(Targets targets) {
      thread =
          new Thread(
              () -> {
                try {
                  for (int n = 1; n <= CALLS; n++) {
                    allowed.acquire();
                    targets.call("app.n", n);
                  }
                } catch (InterruptedException stopped) {
                  Thread.currentThread().interrupt();
                } catch (RuntimeException | Error e) {
                  failure.set(e);
                }
              },
              "publisher");
      thread.setDaemon(true);
      thread.start();
    }

    void allow(int calls) {
      allowed.release(calls);
    }

    /** Waits until every allowed call is queued; fails if publishing failed. */
    void finish() throws InterruptedException {
      thread.join(Await.DEFAULT.toMillis());
      assertNull(failure.get(), "publishing failed");
      assertFalse(thread.isAlive(), "the publisher finished");
    }

    @Override
    public void close() {
      thread.interrupt();
    }
  }
}

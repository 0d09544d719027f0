package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.ReverseAjax;
import io.duplex.internal.DuplexRuntime;
import io.duplex.internal.reverse.ScriptSessionManager;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A hostile client cannot make the server hold unbounded pages, HTTP sessions or held requests
 * (issue 8): each attack runs over real HTTP for a few seconds against the documented caps.
 */
class SessionBudgetTest {
  private final HttpSessionCount httpSessions = new HttpSessionCount();
  private Duplex duplex;
  private TestServer server;

  private void start(Duplex.Builder builder) {
    duplex = builder.expose(TestServices.Echo.class).build();
    server = TestServer.builder().duplex(duplex).listener(httpSessions).start();
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (duplex != null) {
      duplex.close();
    }
  }

  private ScriptSessionManager pages() {
    return DuplexRuntime.of(duplex).sessions();
  }

  @Test
  void aHandshakeFloodStaysWithinTheCapsIsToldToRetryAndLeavesNothingBehind() throws Exception {
    int cap = 100;
    start(Duplex.builder().maxScriptSessions(cap).firstContactTimeoutMillis(600).heartbeatMillis(200));
    DuplexTestClient legit = server.client().handshake("/legit.html");
    AtomicInteger peakPages = new AtomicInteger();
    AtomicInteger busy = new AtomicInteger();
    ConcurrentHashMap<String, String> retryAfter = new ConcurrentHashMap<>();
    try (ReverseStream stream = legit.openStream()) {
      assertTrue(stream.next().has("open"));
      // Cookieless handshakes, 16 at a time, as fast as the server answers.
      HttpClient attacker = HttpClient.newHttpClient();
      Semaphore inFlight = new Semaphore(16);
      List<CompletableFuture<?>> flood = new ArrayList<>();
      for (int i = 0; i < 600; i++) {
        inFlight.acquire();
        flood.add(
            attacker
                .sendAsync(handshake(), HttpResponse.BodyHandlers.ofString())
                .whenComplete(
                    (r, t) -> {
                      inFlight.release();
                      peakPages.accumulateAndGet(pages().openCount(), Math::max);
                      if (r != null && r.statusCode() == 503 && r.body().contains("\"SERVER_BUSY\"")) {
                        busy.incrementAndGet();
                        r.headers().firstValue("Retry-After").ifPresent(v -> retryAfter.put(v, v));
                      }
                    }));
        if (i % 150 == 75) {
          // The legitimate page is still served mid-flood: a call, and a push on its stream.
          assertEquals("still here " + i, legit.value("Echo", "echo", "still here " + i).getAsString());
          duplex.browser().page("/legit.html").call("show", i);
          assertEquals(i, stream.nextSkippingHeartbeats().getAsJsonObject("reverse")
              .getAsJsonArray("calls").get(0).getAsJsonObject().getAsJsonArray("args").get(0).getAsInt());
        }
      }
      CompletableFuture.allOf(flood.toArray(CompletableFuture[]::new)).join();

      assertTrue(peakPages.get() <= cap, "open pages peaked at " + peakPages + ", cap " + cap);
      assertTrue(busy.get() > 0, "handshakes beyond the cap are refused with SERVER_BUSY");
      assertEquals(List.of("1"), List.copyOf(retryAfter.keySet()), "Retry-After: the first-contact timeout, in s");
      // HTTP sessions: one per page at most (plus those in flight), never one per refused handshake.
      assertTrue(httpSessions.peak() <= cap + 16 + 1, "HTTP sessions peaked at " + httpSessions.peak());
      // The flood's pages never came back: they and their HTTP sessions go; the legitimate one stays.
      Await.until(() -> pages().openCount() == 1 && httpSessions.live() == 1,
          () -> pages().openCount() + " pages and " + httpSessions.live() + " HTTP sessions left");
      assertNotNull(pages().find(legit.session()));
      duplex.browser().page("/legit.html").call("show", -1);
      assertEquals(-1, stream.nextSkippingHeartbeats().getAsJsonObject("reverse")
          .getAsJsonArray("calls").get(0).getAsJsonObject().getAsJsonArray("args").get(0).getAsInt());
    }
    // Room again: a new page is let in.
    assertEquals(200, server.client().post("session", DuplexTestClient.json("v", 1, "page", "/new.html")).status());
  }

  private HttpRequest handshake() {
    return HttpRequest.newBuilder(URI.create(server.base() + "/session"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("Origin", server.origin())
        .POST(HttpRequest.BodyPublishers.ofString("{\"v\":1,\"page\":\"/chat.html\"}"))
        .build();
  }

  @Test
  void oneBrowserHoldsAtMostItsCapOfRequestsAndTheOtherPagesPollAndStillReceive() {
    int cap = 3;
    int pageCount = 30;
    start(Duplex.builder().reverseAjax(ReverseAjax.COMET).streaming(true).maxHeldPerHttpSession(cap)
        .heartbeatMillis(200));
    DuplexTestClient browser = server.client();
    List<String[]> tabs = new ArrayList<>();
    for (int i = 0; i < pageCount; i++) {
      browser.handshake("/tab.html");
      tabs.add(new String[] {browser.session(), browser.csrf()});
    }
    List<ReverseStream> requests = new ArrayList<>();
    try {
      for (String[] tab : tabs) {
        requests.add(browser.useSession(tab[0], tab[1]).openStream(1));
      }
      List<ReverseStream> held = new ArrayList<>();
      List<String[]> polling = new ArrayList<>();
      for (int i = 0; i < pageCount; i++) {
        ReverseStream request = requests.get(i);
        String type = request.response().headers().firstValue("Content-Type").orElse("");
        if (type.contains("ndjson")) {
          assertTrue(request.next().has("open"));
          held.add(request);
        } else {
          JsonObject answer = request.next();
          assertEquals("poll", answer.get("advice").getAsString(), answer.toString());
          assertNotNull(answer.getAsJsonObject("reverse"));
          polling.add(tabs.get(i));
        }
      }
      assertEquals(cap, held.size(), "held requests of one browser");
      assertEquals(pageCount - cap, polling.size());

      // Every page receives a push: the held ones on their streams, the others on their next poll.
      duplex.browser().page("/tab.html").call("show", 42);
      for (ReverseStream stream : held) {
        assertEquals(42, stream.nextSkippingHeartbeats().getAsJsonObject("reverse").getAsJsonArray("calls")
            .get(0).getAsJsonObject().getAsJsonArray("args").get(0).getAsInt());
      }
      for (String[] tab : polling) {
        DuplexTestClient.Response poll = browser.useSession(tab[0], tab[1]).reverse(2);
        assertEquals("poll", poll.json().get("advice").getAsString());
        assertEquals(42, poll.json().getAsJsonObject("reverse").getAsJsonArray("calls")
            .get(0).getAsJsonObject().getAsJsonArray("args").get(0).getAsInt(), poll.body());
      }

      // A held request ends (its tab closed): the next poll of another page is held instead.
      held.get(0).close();
      String[] next = polling.get(0);
      Await.until(() -> {
        try (ReverseStream retry = browser.useSession(next[0], next[1]).ack(1).openStream(3)) {
          return retry.response().headers().firstValue("Content-Type").orElse("").contains("ndjson");
        }
      }, "a freed slot to let another page's request be held");
    } finally {
      requests.forEach(ReverseStream::close);
    }
  }

  @Test
  void handshakeThenUnloadCyclesLeaveNoHttpSessionsBehind() {
    start(Duplex.builder());
    DuplexTestClient browser = server.client();
    for (int i = 0; i < 300; i++) {
      browser.cookies().getCookieStore().removeAll();
      browser.handshake("/p.html");
      assertEquals(204, browser.unload().status());
    }
    Await.until(() -> httpSessions.live() == 0, () -> httpSessions.live() + " HTTP sessions left");
    assertEquals(300, httpSessions.created());
    assertEquals(0, pages().openCount());
  }

  @Test
  void aReloadedPageKeepsWorkingAndTheApplicationsSessionsAreLeftAlone() {
    duplex = Duplex.builder().expose(TestServices.Echo.class).expose(TestServices.Basket.class).build();
    HttpServlet appPage =
        new HttpServlet() {
          @Override
          protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            request.getSession(true);
            response.setStatus(204);
          }
        };
    server = TestServer.builder().duplex(duplex).listener(httpSessions).servlet("/app", appPage).start();

    // The application made the session: unloading its only page leaves it.
    DuplexTestClient app = server.client();
    DuplexTestClient.Response made = app.send("GET", "../app", HttpRequest.BodyPublishers.noBody(), java.util.Map.of());
    assertEquals(204, made.status());
    app.handshake("/a.html");
    app.unload();
    // Duplex made the session but the application put something in it (a session-scoped service).
    DuplexTestClient used = server.client().handshake("/b.html");
    used.value("Basket", "instance");
    used.unload();
    // A reload: the old page unloads, the new one handshakes in the same Duplex-made session.
    DuplexTestClient reload = server.client().handshake("/c.html");
    String first = reload.session();
    reload.handshake("/c.html");
    reload.useSession(first, reload.csrf()).unload();
    reload.handshake("/c.html");
    assertEquals("ok", reload.value("Echo", "echo", "ok").getAsString());

    assertEquals(3, httpSessions.live(), "the application's, the used one and the reloaded page's");
    assertFalse(pages().find(reload.session()) == null);
  }
}

package io.duplex.samples.reverse;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static java.util.stream.Collectors.toSet;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.WaitUntilState;
import io.duplex.Duplex;
import io.duplex.JsFunction;
import io.duplex.ReverseAjax;
import io.duplex.ScriptSession;
import io.duplex.Targets;
import io.duplex.samples.SharedChromium;
import io.duplex.servlet.Await;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reverse calls in real Chromium, one subclass per delivery mode. Each class runs its own server
 * in that mode with the same page files; the browser is shared by all classes. Pages of one test
 * share a browser context (so one HTTP session): only their URLs tell them apart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedChromium.class)
abstract class ReverseDeliveryBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private ProbeServer server;
  private Duplex duplex;
  private Browser chromium;
  private BrowserContext context;
  /** Page errors and console errors (e.g. Content-Security-Policy violations) of this test. */
  private final List<String> problems = new CopyOnWriteArrayList<>();
  /** How the browser's own logs of failed requests this test expects begin. */
  private final List<String> expectedLogs = new CopyOnWriteArrayList<>();
  /** As {@link #expectedLogs}, each a text prefix and a part of the location it must come from. */
  private final List<String[]> expectedLogsFrom = new CopyOnWriteArrayList<>();

  abstract ReverseAjax mode();

  abstract boolean streaming();

  /** What {@code duplex.mode} says under this server. */
  abstract String expectedMode();

  /** What {@code duplex.transport} says under this server. */
  abstract String expectedTransport();

  /**
   * The media type of {@code POST /duplex/reverse} answers in this mode, or null when the page
   * must send no such request at all.
   */
  abstract String reverseMediaType();

  /** Whether the server refuses WebSocket upgrades, as a proxy that does not pass them would. */
  boolean refuseUpgrades() {
    return false;
  }

  @BeforeAll
  void startServer(Browser shared) throws Exception {
    PlaywrightAssertions.setDefaultAssertionTimeout(WAIT.toMillis());
    chromium = shared;
    server = new ProbeServer(mode(), streaming(), refuseUpgrades());
    duplex = server.duplex;
  }

  @AfterAll
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void newContext() {
    // A page of an earlier test whose last request reached the server after that test's clean-up.
    duplex.browser().sessions().forEach(ScriptSession::invalidate);
    context = chromium.newContext();
    context.setDefaultTimeout(WAIT.toMillis());
    server.probe.forget();
    problems.clear();
    expectedLogs.clear();
    expectedLogsFrom.clear();
    if (refuseUpgrades()) {
      // Chromium logs each refused upgrade; the page then falls back to streaming by itself.
      expectedLogs.add("WebSocket connection to ");
    }
  }

  @AfterEach
  void closePages() throws InterruptedException {
    try {
      // This test's pages are those of its own browser context, i.e. of its HTTP session: a
      // request an earlier test's page sent just before that test ended can still open a session
      // on the server after that test's clean-up, and must not be counted against this one.
      Set<String> httpSessionCookies =
          context.cookies().stream().filter(c -> c.name.equals("JSESSIONID")).map(c -> c.value).collect(toSet());
      Targets mine =
          duplex.browser()
              .filter(s -> s.httpSessionId() != null
                  && httpSessionCookies.stream().anyMatch(cookie -> cookie.startsWith(s.httpSessionId())));
      for (Page page : context.pages()) {
        // The filter must see this test's pages, or the wait below would prove nothing.
        Object id;
        try {
          id = page.evaluate("() => globalThis.duplex ? duplex.sessionId : null");
        } catch (PlaywrightException navigatingAway) {
          id = null;
        }
        if (id instanceof String live && duplex.browser().session(live).count() == 1) {
          assertEquals(1, mine.session(live).count(), "this test's page " + page.url());
        }
        page.close();
      }
      // Every page of the test said goodbye (unload beacon), so the next test starts with none.
      // The context stays open meanwhile: closing it could cancel a beacon still on its way.
      server.pages.awaitCount(mine, 0, WAIT);
    } finally {
      context.close();
      // A page that did not say goodbye must not leak into the next test's counts.
      duplex.browser().sessions().forEach(ScriptSession::invalidate);
    }
    assertEquals(List.of(), problems);
  }

  private Page open(String path) {
    Page page = newPage();
    load(page, path);
    return page;
  }

  private Page newPage() {
    Page page = context.newPage();
    page.onPageError(error -> problems.add("page error: " + error));
    page.onConsoleMessage(
        message -> {
          // The browser asks for /favicon.ico by itself; the pages have none.
          if ("error".equals(message.type())
              && !message.location().contains("/favicon.ico")
              && expectedLogs.stream().noneMatch(message.text()::startsWith)
              && expectedLogsFrom.stream()
                  .noneMatch(e -> message.text().startsWith(e[0]) && message.location().contains(e[1]))) {
            problems.add("console: " + message.text() + " at " + message.location());
          }
        });
    return page;
  }

  private void load(Page page, String path) {
    page.navigate(server.url(path));
    // Online means the handshake is done: the server knows the page and queues calls for it.
    assertThat(page.locator("#status")).hasAttribute("data-state", "online");
  }

  private static void assertShown(Page page, String... texts) {
    assertThat(page.locator("#shown li")).hasText(texts);
  }

  @Test
  void aCallTargetedByPageUrlShowsInThatPage() {
    Page a = open("/a.html?ignored=query");
    duplex.browser().page("/a.html").call("probe.show", "x");
    assertShown(a, "x");
  }

  @Test
  void pagesOnDifferentUrlsGetOnlyTheirOwnCalls() {
    Page a = open("/a.html");
    Page b = open("/b.html");
    duplex.browser().page("/a.html").call("probe.show", "a1");
    duplex.browser().page("/b.html").call("probe.show", "b1");
    duplex.browser().call("probe.show", "end");
    // "end" was queued after the other calls: once it is shown, nothing else is on its way.
    assertShown(a, "a1", "end");
    assertShown(b, "b1", "end");
  }

  @Test
  void aTypedProxyCallArrivesWithItsArgumentsConverted() {
    Page a = open("/a.html");
    ProbePage pages = duplex.browser().page("/a.html").proxy(ProbePage.class);
    long beyondDoubles = (1L << 53) + 1;
    long largestExact = (1L << 53) - 1;
    pages.show(new Item("widget", beyondDoubles, largestExact, LocalDate.of(2026, 11, 24)));
    assertShown(
        a,
        "{\"name\":\"widget\",\"big\":\"9007199254740993\",\"small\":9007199254740991,\"day\":\"2026-11-24\"}");
  }

  @Test
  void aFunctionThePageHandedOverIsCalledBackLater() throws InterruptedException {
    Page a = open("/a.html");
    a.evaluate("() => probe.rememberGreeting()");
    JsFunction greet = server.probe.nextRemembered(WAIT);
    assertEquals("/a.html", greet.session().page());

    assertTrue(greet.call("hello"));
    assertShown(a, "fn:hello");
    assertTrue(greet.call("again"));
    assertShown(a, "fn:hello", "fn:again");

    greet.release();
    assertFalse(greet.call("released"), "a released handle queues nothing");
  }

  @Test
  void manyCallsQueuedAtOnceRunOnceEachInOrder() {
    Page a = open("/a.html");
    ProbePage pages = duplex.browser().page("/a.html").proxy(ProbePage.class);
    for (int seq = 1; seq <= 200; seq++) {
      pages.number(seq);
    }
    duplex.browser().page("/a.html").call("probe.show", "end");
    assertShown(a, "end");
    assertThat(a.locator("#seq-count")).hasText("200");
    List<Integer> expected = IntStream.rangeClosed(1, 200).boxed().toList();
    assertEquals(expected, numbers(a.evaluate("() => probe.seqs()")));
  }

  @Test
  void aPageAcknowledgesABurstAtOnceSoBurstsLargerThanItsQueueAreNotDropped() {
    // Streaming and websocket pages acknowledge by themselves: every ackIntervalMillis (5 s), and at
    // once when the server asks (ackNow: a quarter of maxQueuedCalls, 1,000, unacknowledged). Other
    // transports carry the ack on their next request anyway.
    assumeTrue(streaming(), "a page that acknowledges by itself");
    Page a = open("/a.html");
    String id = (String) a.evaluate("() => duplex.sessionId");
    ScriptSession session =
        duplex.browser().sessions().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    ProbePage pages = duplex.browser().page("/a.html").proxy(ProbePage.class);
    int seq = 0;
    // 1,200 calls within one ack interval: a page that waited for its interval would overflow.
    for (int burst = 1; burst <= 4; burst++) {
      for (int i = 0; i < 300; i++) {
        pages.number(++seq);
      }
      assertThat(a.locator("#seq-count")).hasText(String.valueOf(seq));
      // Asked at 250 unacknowledged, the page acks within milliseconds; its interval is 5 s.
      int n = burst;
      Await.until(
          () -> session.queueStats().depth() < 250, () -> "burst " + n + ": " + session.queueStats(), Duration.ofSeconds(3));
    }
    assertEquals(0, session.queueStats().dropped());
    assertEquals(IntStream.rangeClosed(1, seq).boxed().toList(), numbers(a.evaluate("() => probe.seqs()")));
  }

  @Test
  void aLargeCallOfMultiByteTextArrivesIntactBetweenSmallOnes() {
    Page a = open("/a.html");
    // 2-, 3- and 4-byte UTF-8 characters, about 400 KB: many network writes and reads, split anywhere.
    String text = "é€😀\n\u2028\"</script>".repeat(20_000);
    Targets pages = duplex.browser().page("/a.html");
    pages.call("probe.show", "before");
    pages.call("probe.digest", text);
    pages.call("probe.show", "after");
    assertShown(a, "before", "digest " + text.length() + " " + text.hashCode(), "after");
  }

  @Test
  void callsQueuedAroundDroppedConnectionsArriveOnceEachInOrder() {
    expectedLogs.add("Failed to load resource: net::");
    Page a = open("/a.html");
    ProbePage pages = duplex.browser().page("/a.html").proxy(ProbePage.class);
    int seq = 0;
    for (int round = 1; round <= 3; round++) {
      for (int i = 0; i < 40; i++) {
        pages.number(++seq);
      }
      // Some of these may be on the wire when it is cut: the page must get them again, once.
      server.dropConnections();
      for (int i = 0; i < 10; i++) {
        pages.number(++seq);
      }
      assertThat(a.locator("#seq-count")).hasText(String.valueOf(seq));
    }
    duplex.browser().page("/a.html").call("probe.show", "end");
    assertShown(a, "end");
    assertEquals(IntStream.rangeClosed(1, seq).boxed().toList(), numbers(a.evaluate("() => probe.seqs()")));
  }

  @Test
  void aPageWhoseHttpSessionEndsStartsANewSessionAndKeepsReceiving() throws InterruptedException {
    // The page's next request after the logout is refused with 410 SESSION_UNKNOWN, by design.
    expectedLogs.add("Failed to load resource: the server responded with a status of 410");
    Page a = open("/a.html");
    String before = (String) a.evaluate("() => duplex.sessionId");
    duplex.browser().page("/a.html").call("probe.show", "one");
    assertShown(a, "one");
    a.evaluate("() => Probe.logout()");
    a.waitForFunction("old => duplex.sessionId !== null && duplex.sessionId !== old", before);
    server.pages.awaitCount(duplex.browser().page("/a.html"), 1, WAIT);
    duplex.browser().page("/a.html").call("probe.show", "two");
    assertShown(a, "one", "two");
  }

  @Test
  void aPageRestoredFromTheBackForwardCacheIsReachedAgain() throws InterruptedException {
    // A page that acks over HTTP (streaming, or a tab whose connection a SharedWorker or another
    // tab holds) posts /ack by itself a moment after a call arrives. Traced in
    // Chromium: the /ack of "before leaving" leaves before the navigation starts, on a connection
    // of its own; the unload beacon leaves at pagehide on another, and the server may read them in
    // either order. Here the ack is held until the beacon has ended the session, as a loaded
    // machine sometimes orders them: it gets 410 SESSION_UNKNOWN, which the engine ignores (the
    // page left on purpose; nothing is lost, the restored page starts a new session). Chromium
    // logs that 410 by itself.
    List<String> refused = new CopyOnWriteArrayList<>();
    List<Route> held = new CopyOnWriteArrayList<>();
    Page tab = newPage();
    tab.onResponse(response -> {
      if (response.status() == 410) {
        refused.add(response.url().replaceFirst("^.*/duplex/", "") + " " + response.request().postData());
      }
    });
    load(tab, "/a.html");
    String left = (String) tab.evaluate("() => duplex.sessionId");
    boolean postsAcks = (Boolean) tab.evaluate(
        "() => duplex.transport === 'streaming' || duplex.shared === 'worker' || duplex.shared === 'follower'");
    if (postsAcks) {
      expectedLogsFrom.add(new String[] {"Failed to load resource: the server responded with a status of 410", "/duplex/ack"});
    }
    tab.route("**/duplex/ack", route -> {
      if (String.valueOf(route.request().postData()).contains(left)) {
        held.add(route);
      } else {
        route.resume();
      }
    });
    duplex.browser().page("/a.html").call("probe.show", "before leaving");
    assertShown(tab, "before leaving");
    if (postsAcks) {
      tab.waitForCondition(() -> !held.isEmpty());
    }

    load(tab, "/b.html");
    server.pages.awaitCount(duplex.browser().page("/a.html"), 0, WAIT);
    held.forEach(Route::resume);
    // A restored page fires no load event: wait only for the navigation itself.
    tab.goBack(new Page.GoBackOptions().setWaitUntil(WaitUntilState.COMMIT));
    assertShown(tab, "before leaving", "restored");
    tab.waitForFunction("left => duplex.status === 'online' && duplex.sessionId !== left", left);
    server.pages.awaitCount(duplex.browser().page("/a.html"), 1, WAIT);
    server.pages.awaitCount(duplex.browser().page("/b.html"), 0, WAIT);

    duplex.browser().page("/a.html").call("probe.show", "welcome back");
    assertShown(tab, "before leaving", "restored", "welcome back");
    tab.waitForCondition(() -> refused.size() >= held.size());
    assertEquals(postsAcks ? 1 : 0, held.size(), "acks of the page that left");
    for (String request : refused) {
      assertTrue(request.startsWith("ack ") && request.contains("\"session\":\"" + left + "\""),
          "only the late ack of the session the page left is refused: " + refused);
    }
    assertEquals(held.size(), refused.size(), "refused: " + refused);
  }

  @Test
  void aReloadedPageIsOnePageAgain() throws InterruptedException {
    Page a = open("/a.html");
    String before = (String) a.evaluate("() => duplex.sessionId");
    a.reload();
    assertThat(a.locator("#status")).hasAttribute("data-state", "online");
    server.pages.awaitCount(duplex.browser().page("/a.html"), 1, WAIT);
    assertTrue(server.pages.heardDestroyed(before, WAIT));
    duplex.browser().page("/a.html").call("probe.show", "after reload");
    assertShown(a, "after reload");
  }

  @Test
  void theServerSwitchAloneChoosesTheTransport() {
    // Playwright does not see the requests of a SharedWorker, which would hold the connection of
    // these tabs: without it a leader tab holds it, and its requests are the page's own.
    context.addInitScript("delete window.SharedWorker");
    Page a = newPage();
    List<String> reverseAnswers = new CopyOnWriteArrayList<>();
    a.onResponse(
        (Response response) -> {
          if (response.url().endsWith("/duplex/reverse")) {
            reverseAnswers.add(String.valueOf(response.headerValue("content-type")));
          }
        });
    List<String> reverseRequests = new CopyOnWriteArrayList<>();
    a.onRequest(
        (com.microsoft.playwright.Request request) -> {
          if (request.url().endsWith("/duplex/reverse")) {
            reverseRequests.add(String.valueOf(request.postData()));
          }
        });
    load(a, "/a.html");
    Page b = open("/b.html");
    for (Page page : List.of(a, b)) {
      assertThat(page.locator("#mode")).hasText(expectedMode());
      assertThat(page.locator("#transport")).hasText(expectedTransport());
    }
    if (expectedTransport().equals("streaming") && "follower".equals(b.evaluate("() => duplex.shared"))) {
      // The tabs share a's connection: a posts /reverse once more, listing b's page (protocol 4.4).
      String bSession = (String) b.evaluate("() => duplex.sessionId");
      a.waitForCondition(() -> reverseRequests.stream().anyMatch(body -> body.contains(bSession)));
    }
    int requestsBefore = reverseRequests.size();
    int answersBefore = reverseAnswers.size();

    duplex.browser().page("/a.html").call("probe.show", "first");
    assertShown(a, "first");
    duplex.browser().page("/a.html").call("probe.show", "second");
    assertShown(a, "first", "second");
    String mediaType = reverseMediaType();
    if (mediaType == null) {
      assertEquals(List.of(), reverseAnswers, "piggyback pages open no reverse connection");
      return;
    }
    a.waitForCondition(() -> !reverseAnswers.isEmpty());
    for (String contentType : reverseAnswers) {
      assertTrue(contentType.startsWith(mediaType), contentType);
    }
    if (expectedTransport().equals("streaming")) {
      assertEquals(requestsBefore, reverseRequests.size(), "both deliveries came on the one open stream");
      assertTrue(answersBefore <= 2, "one stream, or one more that carries b's page too: " + reverseAnswers);
    }
  }

  @Test
  void closingAPageEndsItsSessionOnTheServer() throws InterruptedException {
    Page a = open("/a.html");
    Page b = open("/b.html");
    String bSession = (String) b.evaluate("() => duplex.sessionId");
    Targets bPages = duplex.browser().page("/b.html");
    assertEquals(1, bPages.count());
    bPages.call("probe.show", "before close");
    assertShown(b, "before close");
    b.evaluate("() => probe.rememberGreeting()");
    JsFunction greet = server.probe.nextRemembered(WAIT);

    // Still queued, or on its way, as the page goes: it must not keep the page's session alive.
    bPages.call("probe.show", "as it closes");
    b.close();
    server.pages.awaitCount(bPages, 0, WAIT);
    assertTrue(server.pages.heardDestroyed(bSession, WAIT), "listeners heard the page go");
    assertFalse(greet.call("too late"), "a handle dies with its page");
    assertEquals(1, duplex.browser().page("/a.html").count(), "the other page stays");

    bPages.call("probe.show", "nobody");
    duplex.browser().page("/a.html").call("probe.show", "still here");
    assertShown(a, "still here");
  }

  private static List<Integer> numbers(Object fromPage) {
    List<Integer> numbers = new ArrayList<>();
    for (Object n : (List<?>) fromPage) {
      numbers.add(((Number) n).intValue());
    }
    return numbers;
  }
}

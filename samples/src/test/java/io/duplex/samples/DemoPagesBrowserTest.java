package io.duplex.samples;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.duplex.ReverseAjax;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every demo driven by two people at once (two browser contexts, so two HTTP sessions) in real
 * Chromium. One subclass per delivery mode; each shares one app and one browser across its tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedChromium.class)
abstract class DemoPagesBrowserTest {
  /** Simulators fast enough that no test waits long for them. */
  static final DemoSettings FAST =
      DemoSettings.defaults()
          .withQuotePeriod(Duration.ofMillis(200))
          .withClockPeriod(Duration.ofMillis(500))
          .withCallerPeriod(Duration.ofMillis(400))
          .withLivePeriod(Duration.ofMillis(1500));

  private BrowserHarness harness;

  abstract ReverseAjax mode();

  abstract boolean streaming();

  /** What {@code duplex.transport} says in this mode. */
  abstract String transport();

  /** The name screenshots of this mode get. */
  abstract String modeName();

  @BeforeAll
  void startApp(Browser shared) throws Exception {
    harness = new BrowserHarness(shared, mode(), streaming(), FAST);
  }

  @AfterAll
  void stopApp() {
    if (harness != null) {
      harness.close();
    }
  }

  @BeforeEach
  void forgetOldConsoleErrors() {
    harness.consoleErrors.clear();
  }

  @AfterEach
  void noPageErrorsNorPolicyViolations() {
    List<String> problems =
        harness.consoleErrors.stream()
            .filter(e -> e.startsWith("page error") || e.contains("Content Security Policy"))
            .toList();
    assertEquals(List.of(), problems);
  }

  private Page open(String path) {
    Page page = harness.newPage();
    page.navigate(harness.url(path));
    assertThat(page.locator("#status")).hasAttribute("data-state", "online");
    return page;
  }

  @Test
  void theHomePageLinksEveryDemoAndShowsTheDeliveryMode() {
    Page home = open("");
    String expected = mode() == ReverseAjax.COMET ? "comet (" + transport() + ")" : transport();
    assertThat(home.locator("#mode")).hasText(expected);
    for (String demo : List.of("chat", "rater", "callcenter", "ticker", "hello")) {
      assertThat(home.locator("#demo-" + demo)).hasAttribute("href", demo + ".html");
    }
    assertThat(home.locator("#status")).containsText(transport());
    harness.screenshot(home, "index-" + modeName());
  }

  @Test
  void chatMessagesReachTheOtherPageAndWhoIsHereFollowsPagesOpeningAndClosing() {
    Page ann = open("chat.html");
    Page bob = open("chat.html");
    join(ann, "ann");
    join(bob, "bob");
    for (Page page : List.of(ann, bob)) {
      assertThat(page.locator("#who li")).hasCount(2);
      assertThat(page.locator("#who-count")).hasText("2");
    }

    ann.fill("#message", "<b>hello</b> from ann");
    ann.press("#message", "Enter");
    Locator bobSees = bob.locator("#messages .message").last();
    assertThat(bobSees.locator(".text")).hasText("<b>hello</b> from ann");
    assertThat(bobSees.locator(".meta strong")).hasText("ann");
    assertEquals(0, bob.locator("#messages b").count(), "chat text is text, never markup");
    bob.fill("#message", "hi ann");
    bob.click("#send-form button[type=submit]");
    assertThat(ann.locator("#messages .message.mine .text")).hasText("<b>hello</b> from ann");
    assertThat(ann.locator("#messages .message:not(.mine) .text")).hasText("hi ann");

    Page latecomer = open("chat.html");
    assertThat(latecomer.locator("#messages .message .text")).hasText(new String[] {"<b>hello</b> from ann", "hi ann"});
    assertThat(latecomer.locator("#who li")).hasCount(2);
    harness.screenshot(ann, "chat-" + modeName());

    bob.close();
    for (Page page : List.of(ann, latecomer)) {
      assertThat(page.locator("#who li")).hasCount(1);
      assertThat(page.locator("#who")).containsText("ann");
    }
  }

  private static void join(Page page, String nickname) {
    page.fill("#nickname", nickname);
    page.click("#join-form button");
    assertThat(page.locator("#send-form")).isVisible();
    assertThat(page.locator("#who li.me")).containsText(nickname);
  }

  @Test
  void aRatingChangesTheAverageAndCountOnEveryPageAndTheStageMovesOn() {
    Page ann = open("rater.html");
    Page bob = open("rater.html");
    Locator annTalk = ann.locator("#talk-comet");
    Locator bobTalk = bob.locator("#talk-comet");
    assertThat(bobTalk.locator(".votes")).hasText("0 votes");

    annTalk.locator(".star[data-stars='4']").click();
    assertThat(bobTalk.locator(".average")).hasText("4.00");
    assertThat(bobTalk.locator(".votes")).hasText("1 vote");
    assertThat(annTalk.locator(".star.on")).hasCount(4);

    bobTalk.locator(".star[data-stars='1']").click();
    assertThat(annTalk.locator(".average")).hasText("2.50");
    assertThat(annTalk.locator(".votes")).hasText("2 votes");

    // Rating again replaces the earlier vote: still two votes.
    annTalk.locator(".star[data-stars='5']").click();
    assertThat(bobTalk.locator(".average")).hasText("3.00");
    assertThat(bobTalk.locator(".votes")).hasText("2 votes");
    assertThat(annTalk.locator(".star.on")).hasCount(5);
    assertThat(bobTalk.locator(".star.on")).hasCount(1);

    String onStage = ann.locator("#live-title").textContent();
    assertNotEquals("…", onStage);
    assertThat(ann.locator("#live-title")).not().hasText(onStage);
    assertThat(bob.locator("#live-title")).not().hasText(onStage);
    assertThat(ann.locator(".talk .live-badge:visible")).hasCount(1);
    harness.screenshot(ann, "rater-" + modeName());
  }

  @Test
  void exactlyOneAgentAnswersEachCallAndALateAgentIsToldWhoDid() {
    Page ann = open("callcenter.html");
    Page bob = open("callcenter.html");
    ann.fill("#agent", "Ann");
    bob.fill("#agent", "Bob");
    Locator annRows = ann.locator("#caller-rows tr");
    assertThat(annRows.first()).isVisible();

    // Waiting times tick on: the page computes them from the pushed arrival time.
    Locator firstWaited = annRows.first().locator(".waited");
    String waited = firstWaited.textContent();
    assertTrue(Pattern.matches("\\d+:\\d\\d", waited), waited);
    assertThat(firstWaited).not().hasText(waited);

    long newestBeforeClaim = maxId(ann);
    Locator row = annRows.first();
    String id = row.getAttribute("data-id");
    String number = row.locator(".number").textContent();
    assertThat(bob.locator("#caller-rows tr[data-id='" + id + "']")).hasCount(1);

    row.locator("button").click();
    assertThat(ann.locator("#call-form")).isVisible();
    // Ann is on a call from here on: callers she has not seen yet are asked about after this.
    long newestBeforeBusy = maxId(ann);
    assertThat(ann.locator("#call-form [name=phone]")).hasValue(number);
    assertThat(ann.locator("#call-meta")).containsText("Answered by Ann");
    assertThat(bob.locator("#caller-rows tr[data-id='" + id + "']")).hasCount(0);
    assertThat(ann.locator("#caller-rows tr[data-id='" + id + "']")).hasCount(0);
    assertThat(bob.locator("#call-form")).isHidden();
    harness.screenshot(ann, "callcenter-" + modeName());

    // Bob's click raced Ann's and lost.
    bob.evaluate("id => agentDesk.claim(id)", Integer.parseInt(id));
    assertThat(bob.locator("#claim-error")).hasAttribute("data-code", "CALL_ALREADY_TAKEN");
    assertThat(bob.locator("#claim-error"))
        .hasText("Ann already answered the call from " + number + " (CALL_ALREADY_TAKEN)");
    assertThat(bob.locator("#call-form")).isHidden();

    // The simulator keeps ringing (the answered call freed a place if the table was full): a caller
    // newer than any Ann had seen reaches both tables.
    for (Page page : List.of(ann, bob)) {
      assertTrue((Boolean) page.evaluate(A_CALLER_NEWER_THAN, (int) newestBeforeClaim));
    }

    // Before a caller rings, the server asks every agent page whether its agent is free (the page
    // answers): Ann is on a call, Bob is not, so a new caller rings on Bob's page only.
    // An agent without a page takes the newest call, so a place frees and another caller rings.
    bob.evaluate("id => CallCenter.claim(id, 'Cleo')", (int) maxId(bob));
    int rang = ((Number) bob.evaluate(RANG_NEWER_THAN, (int) newestBeforeBusy)).intValue();
    assertTrue(rang > newestBeforeBusy, "a new caller rang on Bob's page");
    assertThat(bob.locator("#ring-note")).containsText("answered that their agent is free");
    Locator annSees = ann.locator("#caller-rows tr[data-id='" + rang + "']");
    assertThat(annSees).hasCount(1);
    assertThat(annSees).not().hasAttribute("data-ringing", "true");
  }

  /**
   * Resolves with the id of a row that rang on this page with an id above the argument, 0 after
   * 15 s.
   */
  private static final String RANG_NEWER_THAN =
      "n => new Promise(resolve => {"
          + " const rows = document.getElementById('caller-rows');"
          + " const rung = () => { const tr = [...rows.querySelectorAll('tr[data-ringing]')]"
          + "   .find(tr => Number(tr.dataset.id) > n); return tr ? Number(tr.dataset.id) : 0; };"
          + " const done = (id) => { observer.disconnect(); clearTimeout(timer); resolve(id); };"
          + " const observer = new MutationObserver(() => { const id = rung(); if (id) done(id); });"
          + " const timer = setTimeout(() => done(0), 15000);"
          + " observer.observe(rows, {childList: true, subtree: true, attributes: true});"
          + " const id = rung(); if (id) done(id);"
          + "})";

  private static final String MAX_ID =
      "Math.max(0, ...[...document.querySelectorAll('#caller-rows tr')].map(tr => Number(tr.dataset.id)))";

  /**
   * Resolves true once the table shows a caller with an id above the argument, false after 15 s.
   * (Playwright's waitForFunction polls with eval, which the pages' policy forbids.)
   */
  private static final String A_CALLER_NEWER_THAN =
      "n => new Promise(resolve => {"
          + " const rows = document.getElementById('caller-rows');"
          + " const newest = () => " + MAX_ID + ";"
          + " const done = (ok) => { observer.disconnect(); clearTimeout(timer); resolve(ok); };"
          + " const observer = new MutationObserver(() => { if (newest() > n) done(true); });"
          + " const timer = setTimeout(() => done(false), 15000);"
          + " observer.observe(rows, {childList: true});"
          + " if (newest() > n) done(true);"
          + "})";

  private static long maxId(Page page) {
    return ((Number) page.evaluate(MAX_ID)).longValue();
  }

  @Test
  void theClockAndPricesMoveOnEveryPageOverThisModesTransport() {
    Page ann = open("ticker.html");
    Page bob = open("ticker.html");
    for (Page page : List.of(ann, bob)) {
      assertThat(page.locator("#transport")).hasText(transport());
      assertThat(page.locator("#mode")).hasText(mode().wireName());
      assertThat(page.locator("#clock")).hasText(Pattern.compile("\\d\\d:\\d\\d:\\d\\d"));
      assertThat(page.locator("#quotes tr")).hasCount(6);
    }
    String time = bob.locator("#clock").textContent();
    assertThat(bob.locator("#clock")).not().hasText(time);
    String prices = bob.locator("#quotes").textContent();
    assertThat(bob.locator("#quotes")).not().hasText(prices);
    assertThat(ann.locator("#rate")).hasText(Pattern.compile("^(?!0\\.0$)\\d+\\.\\d$"));
    // Prices come from the "prices" topic; each symbol's chart grows with every message.
    assertThat(bob.locator("#prices-state")).hasText("live");
    Locator chart = bob.locator("#quotes tr[data-symbol=DPLX] svg.spark");
    assertThat(bob.locator("#quotes svg.spark polyline")).hasCount(6);
    // It keeps the last 60 prices: after a few messages it has drawn more than one point.
    assertThat(chart).hasAttribute("data-points", Pattern.compile("^([3-9]|[1-5]\\d|60)$"));
    String line = chart.locator("polyline").getAttribute("points");
    assertThat(chart.locator("polyline")).not().hasAttribute("points", line);
    harness.screenshot(ann, "ticker-" + modeName());
  }

  @Test
  void theTickerPageUnsubscribesAndSubscribesAgainFromThePage() {
    Page page = open("ticker.html");
    assertThat(page.locator("#prices-state")).hasText("live");
    String id = (String) page.evaluate("duplex.sessionId");
    assertEquals(Set.of("prices"), topicsOf(id));
    assertThat(page.locator("#quotes tr")).hasCount(6);

    page.click("#prices-toggle");
    assertThat(page.locator("#prices-state")).hasText("paused");
    page.waitForCondition(() -> topicsOf(id).isEmpty());
    // The page dropped its callback at the click: no message runs any more, the prices stand still.
    String paused = page.locator("#quotes").textContent();
    String clock = page.locator("#clock").textContent();
    assertThat(page.locator("#clock")).not().hasText(clock);
    assertEquals(paused, page.locator("#quotes").textContent());

    page.click("#prices-toggle");
    assertThat(page.locator("#prices-state")).hasText("live");
    assertEquals(Set.of("prices"), topicsOf(id));
    assertThat(page.locator("#quotes")).not().hasText(paused);
  }

  /** The topics the server holds for the page with this script session id. */
  private Set<String> topicsOf(String scriptSessionId) {
    return harness.app().duplex().browser().session(scriptSessionId).sessions().stream()
        .findFirst()
        .map(io.duplex.ScriptSession::topics)
        .orElseThrow();
  }

}

package io.duplex.samples.reverse;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.duplex.Duplex;
import io.duplex.PageAnswer;
import io.duplex.PageAnswerException;
import io.duplex.PageAnswerException.Reason;
import io.duplex.ReverseAjax;
import io.duplex.ScriptSession;
import io.duplex.Targets;
import io.duplex.samples.SharedChromium;
import io.duplex.samples.reverse.AnswerPage.Tally;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pages answering asks (protocol section 4.7) in real Chromium, one subclass per delivery mode,
 * each with its own server; the browser is shared by all classes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedChromium.class)
abstract class PageAnswersBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private ProbeServer server;
  private Duplex duplex;
  private Browser chromium;
  private BrowserContext context;
  private final List<String> problems = new CopyOnWriteArrayList<>();

  abstract ReverseAjax mode();

  abstract boolean streaming();

  /** What {@code duplex.transport} says under this server. */
  abstract String expectedTransport();

  @BeforeAll
  void startServer(Browser shared) throws Exception {
    PlaywrightAssertions.setDefaultAssertionTimeout(WAIT.toMillis());
    chromium = shared;
    server = new ProbeServer(mode(), streaming());
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
    duplex.browser().sessions().forEach(ScriptSession::invalidate);
    context = chromium.newContext();
    context.setDefaultTimeout(WAIT.toMillis());
    problems.clear();
  }

  @AfterEach
  void closeContext() {
    context.close();
    duplex.browser().sessions().forEach(ScriptSession::invalidate);
    assertEquals(List.of(), problems);
  }

  /** Opens answers.html; returns once the server knows the page (its status is online). */
  private Page open() {
    Page page = context.newPage();
    page.onPageError(error -> problems.add("page error: " + error));
    page.onConsoleMessage(message -> {
      if ("error".equals(message.type()) && !message.location().contains("/favicon.ico")) {
        problems.add("console: " + message.text() + " at " + message.location());
      }
    });
    page.navigate(server.url("/answers.html"));
    assertThat(page.locator("#status")).hasAttribute("data-state", "online");
    assertThat(page.locator("#transport")).hasText(expectedTransport());
    return page;
  }

  private Targets target(Page page) {
    return duplex.browser().session((String) page.evaluate("() => duplex.sessionId"));
  }

  private static <T> T settled(CompletableFuture<T> future) {
    return future.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  private static PageAnswerException failure(CompletableFuture<?> future) {
    CompletionException thrown = assertThrows(CompletionException.class, () -> settled(future));
    return assertInstanceOf(PageAnswerException.class, thrown.getCause());
  }

  @Test
  void valuesPromisesThrownErrorsAndRejectionsComeBack() {
    Page page = open();
    Targets one = target(page);
    AnswerPage typed = one.proxy(AnswerPage.class);

    CompletableFuture<Tally> echoed = typed.echo(new Tally("calls", 3));
    CompletableFuture<Integer> later = typed.later(42, 50);
    CompletableFuture<String> thrown = typed.fail("headset unplugged");
    CompletableFuture<String> rejected = typed.reject("on a break");
    CompletableFuture<String> untyped = one.ask(String.class, "answers.echo", "plain");
    CompletableFuture<Boolean> missing = one.ask(Boolean.class, "answers.nothingHere");

    assertEquals(new Tally("calls", 3), settled(echoed));
    assertEquals(42, settled(later));
    assertEquals("plain", settled(untyped));
    PageAnswerException threw = failure(thrown);
    assertEquals(Reason.ERROR, threw.reason());
    assertEquals("headset unplugged", threw.getMessage());
    PageAnswerException refused = failure(rejected);
    assertEquals(Reason.ERROR, refused.reason());
    assertEquals("on a break", refused.getMessage());
    assertEquals(Reason.ERROR, failure(missing).reason());
    assertTrue(failure(missing).getMessage().contains("answers.nothingHere is not a function"));
  }

  @Test
  void aPageThatDoesNotAnswerInTimeFailsTheAskWithTimeout() {
    Page page = open();
    long started = System.nanoTime();

    CompletableFuture<Boolean> never = target(page).answerTimeout(Duration.ofMillis(500)).proxy(AnswerPage.class).never();

    assertEquals(Reason.TIMEOUT, failure(never).reason());
    assertTrue(System.nanoTime() - started >= Duration.ofMillis(500).toNanos());
    // The page serves on: the next ask is answered.
    assertEquals("still here", settled(target(page).ask(String.class, "answers.echo", "still here")));
  }

  @Test
  void closingTheTabFailsItsPendingAskWithPageGone() {
    Page page = open();
    CompletableFuture<Boolean> never = target(page).ask(Boolean.class, "answers.never");
    // The ask has reached the page once it answers one queued after it.
    assertEquals("ran", settled(target(page).ask(String.class, "answers.echo", "ran")));

    page.close();

    PageAnswerException gone = failure(never);
    assertEquals(Reason.PAGE_GONE, gone.reason());
  }

  @Test
  void askingEveryPageGivesEachPagesAnswerWithItsSession() {
    List<Page> pages = List.of(open(), open(), open());

    List<PageAnswer<String>> answers = settled(duplex.browser().page("/answers.html").proxy(AnswerPage.class).whoAmI());

    assertEquals(3, answers.size());
    Map<String, String> byId =
        answers.stream().collect(Collectors.toMap(a -> a.session().id(), PageAnswer::value));
    for (Page page : pages) {
      String id = (String) page.evaluate("() => duplex.sessionId");
      assertEquals(id, byId.get(id), "each page answered with its own session id");
    }
  }
}

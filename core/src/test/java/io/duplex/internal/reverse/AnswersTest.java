package io.duplex.internal.reverse;

import static io.duplex.internal.reverse.TestPages.calls;
import static io.duplex.internal.reverse.TestPages.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.duplex.PageAnswer;
import io.duplex.PageAnswerException;
import io.duplex.PageAnswerException.Reason;
import io.duplex.ScriptName;
import io.duplex.internal.protocol.Answer;
import io.duplex.internal.protocol.ErrorCode;
import io.duplex.internal.protocol.ProtocolException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Asks and their answers (protocol section 4.7), without a transport: answers are handed in. */
class AnswersTest {
  private final TestPages pages = new TestPages(b -> b.maxPendingAnswers(3));

  @ScriptName("agent")
  interface AgentPage {
    CompletableFuture<Boolean> isFree(String caller);

    CompletableFuture<List<PageAnswer<Integer>>> load();

    void ring(String caller);
  }

  interface RawFuturePage {
    @SuppressWarnings("rawtypes")
    CompletableFuture free();
  }

  @AfterEach
  void close() {
    pages.close();
  }

  private static Answer value(long id, String json) {
    return new Answer(id, JsonParser.parseString(json), null);
  }

  private static long askId(ScriptSessionImpl page, int index) {
    return calls(page, 0).get(index).get("answer").getAsLong();
  }

  private static PageAnswerException failure(CompletableFuture<?> future) {
    CompletionException thrown = assertThrows(CompletionException.class, future::join);
    return assertInstanceOf(PageAnswerException.class, thrown.getCause());
  }

  @Test
  void pageValueCompletesTheFutureConvertedToTheDeclaredType() {
    ScriptSessionImpl page = pages.open("/agent.html");

    CompletableFuture<Integer> answer = page.target().ask(Integer.class, "agent.load", "today", 2);

    JsonObject entry = calls(page, 0).get(0);
    assertEquals("agent.load", entry.get("fn").getAsString());
    assertEquals(JsonParser.parseString("[\"today\",2]"), entry.get("args"));
    assertFalse(answer.isDone());
    page.answered(List.of(value(entry.get("answer").getAsLong(), "7")));
    assertEquals(7, answer.join());
    assertEquals(0, page.answers().size());
  }

  @Test
  void pageErrorFailsTheFutureWithThePagesMessage() {
    ScriptSessionImpl page = pages.open("/agent.html");
    CompletableFuture<Boolean> answer = page.target().ask(Boolean.class, "agent.isFree", "ann");

    page.answered(List.of(new Answer(askId(page, 0), null, "headset unplugged")));

    PageAnswerException failure = failure(answer);
    assertEquals(Reason.ERROR, failure.reason());
    assertEquals("headset unplugged", failure.getMessage());
    assertSame(page, failure.session());
  }

  @Test
  void valueThatDoesNotConvertIsABadValue() {
    ScriptSessionImpl page = pages.open("/agent.html");
    CompletableFuture<Boolean> answer = page.target().ask(Boolean.class, "agent.isFree", "ann");

    page.answered(List.of(value(askId(page, 0), "\"yes\"")));

    assertEquals(Reason.BAD_VALUE, failure(answer).reason());
  }

  @Test
  void noAnswerWithinTheTimeoutFailsWithTimeoutAndALateAnswerIsIgnored() {
    ScriptSessionImpl page = pages.open("/agent.html");
    long started = System.nanoTime();

    CompletableFuture<Boolean> answer =
        page.target().answerTimeout(Duration.ofMillis(100)).ask(Boolean.class, "agent.isFree", "ann");

    PageAnswerException failure = failure(answer);
    assertEquals(Reason.TIMEOUT, failure.reason());
    assertTrue(System.nanoTime() - started >= Duration.ofMillis(100).toNanos());
    waitUntil("the ask is forgotten", () -> page.answers().size() == 0);
    page.answered(List.of(value(askId(page, 0), "true")));
  }

  @Test
  void settingIsTheDefaultTimeout() {
    try (TestPages quick = new TestPages(b -> b.answerTimeoutMillis(80))) {
      ScriptSessionImpl page = quick.open("/agent.html");
      assertEquals(Reason.TIMEOUT, failure(page.target().ask(Boolean.class, "agent.isFree")).reason());
    }
  }

  @Test
  void pageThatEndsFailsItsPendingAsksWithPageGone() {
    ScriptSessionImpl page = pages.open("/agent.html");
    CompletableFuture<Boolean> answer = page.target().ask(Boolean.class, "agent.isFree", "ann");

    page.invalidate();

    assertEquals(Reason.PAGE_GONE, failure(answer).reason());
    assertEquals(0, page.answers().size());
  }

  @Test
  void aPageThatIsNeverAskedHoldsNoPendingAnswers() {
    ScriptSessionImpl idle = pages.open("/agent.html");
    pages.manager.browser().page("/agent.html").call("agent.show", "pushed, not asked");
    idle.answered(List.of());
    assertNull(idle.answersIfAsked(), "pushes and empty answer lists make none");
    idle.invalidate();
    assertNull(idle.answersIfAsked(), "nor does its end");

    ScriptSessionImpl asked = pages.open("/agent.html");
    CompletableFuture<Boolean> answer = asked.target().ask(Boolean.class, "agent.isFree", "ann");
    assertEquals(1, asked.answersIfAsked().size(), "the first ask makes them");
    asked.answered(List.of(value(askId(asked, 0), "true")));
    assertTrue(answer.join());
  }

  @Test
  void closingDuplexFailsPendingAsks() {
    ScriptSessionImpl page = pages.open("/agent.html");
    CompletableFuture<Boolean> answer = page.target().ask(Boolean.class, "agent.isFree", "ann");

    pages.manager.close();

    assertEquals(Reason.PAGE_GONE, failure(answer).reason());
  }

  @Test
  void askOfNoPageIsPageGoneAndOfTwoPagesIsRefusedWithNothingSent() {
    assertEquals(Reason.PAGE_GONE, failure(pages.manager.browser().page("/none.html").ask(Boolean.class, "f")).reason());

    ScriptSessionImpl one = pages.open("/agent.html");
    ScriptSessionImpl two = pages.open("/agent.html");
    CompletableFuture<Boolean> both = pages.manager.browser().page("/agent.html").ask(Boolean.class, "agent.isFree");

    CompletionException thrown = assertThrows(CompletionException.class, both::join);
    assertInstanceOf(IllegalStateException.class, thrown.getCause());
    assertEquals(0, calls(one, 0).size());
    assertEquals(0, calls(two, 0).size());
  }

  @Test
  void askAllGivesEveryPagesAnswerOrFailureOnceAllAreIn() {
    ScriptSessionImpl free = pages.open("/agent.html");
    ScriptSessionImpl broken = pages.open("/agent.html");
    ScriptSessionImpl closed = pages.open("/agent.html");
    ScriptSessionImpl silent = pages.open("/agent.html");

    CompletableFuture<List<PageAnswer<Boolean>>> all =
        pages.manager.browser().page("/agent.html").answerTimeout(Duration.ofMillis(200))
            .askAll(Boolean.class, "agent.isFree", "ann");

    long id = askId(free, 0);
    // One ask, one encoding: every page's entry carries the same id.
    assertEquals(id, askId(broken, 0));
    assertEquals(id, askId(silent, 0));
    free.answered(List.of(value(id, "true")));
    broken.answered(List.of(new Answer(id, null, "boom")));
    closed.invalidate();
    assertFalse(all.isDone());

    Map<ScriptSessionImpl, PageAnswer<Boolean>> bySession =
        all.join().stream().collect(Collectors.toMap(a -> (ScriptSessionImpl) a.session(), Function.identity()));
    assertEquals(4, bySession.size());
    assertTrue(bySession.get(free).answered());
    assertEquals(Boolean.TRUE, bySession.get(free).value());
    assertEquals(Reason.ERROR, bySession.get(broken).failure().reason());
    assertEquals("boom", bySession.get(broken).failure().getMessage());
    assertEquals(Reason.PAGE_GONE, bySession.get(closed).failure().reason());
    assertEquals(Reason.TIMEOUT, bySession.get(silent).failure().reason());
    assertNull(bySession.get(silent).value());
  }

  @Test
  void askAllOfNoPageIsAnEmptyList() {
    assertEquals(List.of(), pages.manager.browser().page("/none.html").askAll(Boolean.class, "f").join());
  }

  @Test
  void asksBeyondTheBoundFailAtOnceAndAreNotSent() {
    ScriptSessionImpl page = pages.open("/agent.html");
    for (int i = 0; i < 3; i++) {
      page.target().ask(Boolean.class, "agent.isFree", "c" + i);
    }

    CompletableFuture<Boolean> fourth = page.target().ask(Boolean.class, "agent.isFree", "c3");

    assertEquals(Reason.TOO_MANY_ASKS, failure(fourth).reason());
    assertEquals(3, calls(page, 0).size());
    // An answer frees a slot.
    page.answered(List.of(value(askId(page, 0), "true")));
    CompletableFuture<Boolean> fifth = page.target().ask(Boolean.class, "agent.isFree", "c4");
    assertFalse(fifth.isDone());
    assertEquals(4, calls(page, 0).size());
  }

  @Test
  void answerToAnAskNeverSentIsRefusedAndNoAnswerOfItsRequestIsTaken() {
    ScriptSessionImpl page = pages.open("/agent.html");
    ScriptSessionImpl other = pages.open("/other.html");
    CompletableFuture<Boolean> answer = page.target().ask(Boolean.class, "agent.isFree");
    long id = askId(page, 0);
    other.target().ask(Boolean.class, "f");

    ProtocolException refused =
        assertThrows(ProtocolException.class, () -> page.answered(List.of(value(id, "true"), value(id + 1, "true"))));

    assertEquals(ErrorCode.ANSWER_UNKNOWN, refused.code());
    assertFalse(answer.isDone());
    page.answered(List.of(value(id, "false")));
    assertEquals(false, answer.join());
  }

  @Test
  void repeatedAnswerIsIgnored() {
    ScriptSessionImpl page = pages.open("/agent.html");
    CompletableFuture<Boolean> answer = page.target().ask(Boolean.class, "agent.isFree");
    long id = askId(page, 0);

    page.answered(List.of(value(id, "true")));
    page.answered(List.of(value(id, "false"), new Answer(id, null, "late")));

    assertEquals(true, answer.join());
  }

  @Test
  void typedProxyMethodsReturningFuturesAsk() {
    ScriptSessionImpl one = pages.open("/agent.html");
    ScriptSessionImpl two = pages.open("/agent.html");
    AgentPage first = one.target().proxy(AgentPage.class);
    AgentPage agents = pages.manager.browser().page("/agent.html").proxy(AgentPage.class);

    CompletableFuture<Boolean> free = first.isFree("ann");
    CompletableFuture<List<PageAnswer<Integer>>> loads = agents.load();
    agents.ring("bob");

    JsonObject ask = calls(one, 0).get(0);
    assertEquals("agent.isFree", ask.get("fn").getAsString());
    one.answered(List.of(value(ask.get("answer").getAsLong(), "true")));
    assertEquals(true, free.join());
    one.answered(List.of(value(askId(one, 1), "3")));
    two.answered(List.of(value(askId(two, 0), "5")));
    assertEquals(
        List.of(3, 5), loads.join().stream().map(PageAnswer::value).sorted().toList());
    assertFalse(calls(one, 0).get(2).has("answer"));
  }

  @Test
  void proxyOfAFutureWithoutItsAnswerTypeIsRefused() {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> pages.manager.browser().proxy(RawFuturePage.class));
    assertTrue(refused.getMessage().contains("CompletableFuture<Boolean>"), refused.getMessage());
  }
}

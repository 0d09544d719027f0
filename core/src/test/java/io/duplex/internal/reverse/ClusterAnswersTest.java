package io.duplex.internal.reverse;

import static io.duplex.internal.reverse.TestPages.calls;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.duplex.PageAnswer;
import io.duplex.PageAnswerException;
import io.duplex.PageAnswerException.Reason;
import io.duplex.internal.protocol.Answer;
import io.duplex.internal.reverse.ClusterAnswers.Ask;
import io.duplex.internal.reverse.ClusterAnswers.Outcome;
import io.duplex.internal.reverse.ClusterAnswers.Reply;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The backplane messages of an ask of every node, and the ask's path on a one-node backplane. */
class ClusterAnswersTest {
  private static TestPages onLoopBackplane(int maxPendingAnswers) {
    TestPages pages = new TestPages(b -> b.backplane("loop://here").maxPendingAnswers(maxPendingAnswers));
    pages.manager.startBackplane();
    return pages;
  }

  @Test
  void askRoundTripsWithItsTargetEntryAndTimeout() {
    Ask ask = new Ask("node-a", 42, 1500, new SessionKey[] {SessionKey.PAGE, SessionKey.USER},
        new String[] {"/agent.html", "zoë"}, "{\"fn\":\"agent.isFree\",\"args\":[\"caller ✓\"],\"answer\":");

    byte[] bytes = ask.encode();
    Ask read = ClusterAnswers.decodeAsk(bytes);

    assertEquals(ClusterAnswers.ASK, ClusterAnswers.type(bytes));
    assertEquals("node-a", read.origin());
    assertEquals(42, read.id());
    assertEquals(1500, read.timeoutMillis());
    assertArrayEquals(ask.keys(), read.keys());
    assertArrayEquals(ask.values(), read.values());
    assertEquals(ask.entryHead(), read.entryHead());
  }

  @Test
  void replyRoundTripsEachPagesAnswerOrFailure() {
    Reply reply = new Reply("node-a", 7, "node-b", List.of(
        new Outcome("s1", "/agent.html", "ann", null, "{\"free\":true}"),
        new Outcome("s2", "/agent.html", null, Reason.ERROR, "busy ✓"),
        new Outcome("s3", "/agent.html", null, Reason.TIMEOUT, "")));

    byte[] bytes = reply.encode();

    assertEquals(ClusterAnswers.REPLY, ClusterAnswers.type(bytes));
    assertEquals(reply, ClusterAnswers.decodeReply(bytes));
  }

  @Test
  void messagesThatLieAboutTheirLengthsAreRefusedBeforeAnythingIsAllocated() {
    byte[] ask = new Ask("a", 1, 10, new SessionKey[0], new String[0], "head").encode();
    // The entry's length is the int just before its 4 bytes: claim 2 GB.
    ByteBuffer.wrap(ask).putInt(ask.length - 8, Integer.MAX_VALUE);
    assertThrows(IllegalArgumentException.class, () -> ClusterAnswers.decodeAsk(ask));

    byte[] reply = new Reply("a", 1, "b", List.of()).encode();
    ByteBuffer.wrap(reply).putInt(reply.length - 4, Integer.MAX_VALUE);
    assertThrows(IllegalArgumentException.class, () -> ClusterAnswers.decodeReply(reply));

    byte[] whole = new Reply("a", 1, "b", List.of(new Outcome("s", "/p", null, null, "1"))).encode();
    assertThrows(IllegalArgumentException.class, () -> ClusterAnswers.decodeReply(Arrays.copyOf(whole, whole.length - 1)));
    byte[] badReason = whole.clone();
    badReason[1 + 3 + 8 + 3 + 4] = 9;
    assertThrows(IllegalArgumentException.class, () -> ClusterAnswers.decodeReply(badReason));
    byte[] longer = Arrays.copyOf(whole, whole.length + 1);
    assertThrows(IllegalArgumentException.class, () -> ClusterAnswers.decodeReply(longer));
  }

  @Test
  void aPushIsNeitherMessage() {
    byte[] push = new ClusterPush(new SessionKey[0], new String[0], List.of(new byte[] {1})).encode();
    assertFalse(ClusterAnswers.type(push) == ClusterAnswers.ASK || ClusterAnswers.type(push) == ClusterAnswers.REPLY);
    assertThrows(IllegalArgumentException.class, () -> ClusterAnswers.decodeAsk(push));
  }

  @Test
  void askAllOnABackplaneGoesThroughItAndConvertsAnswersOnTheAskingNode() {
    try (TestPages pages = onLoopBackplane(2)) {
      ScriptSessionImpl free = pages.open("/agent.html");
      ScriptSessionImpl failing = pages.open("/agent.html");
      pages.open("/other.html");

      CompletableFuture<List<PageAnswer<Integer>>> all =
          pages.manager.browser().page("/agent.html").askAll(Integer.class, "agent.load");

      assertEquals(1, pages.manager.backplane().asks().size());
      long id = calls(free, 0).get(0).get("answer").getAsLong();
      free.answered(List.of(new Answer(id, JsonParser.parseString("3"), null)));
      assertFalse(all.isDone());
      failing.answered(List.of(new Answer(id, null, "no agent")));

      List<PageAnswer<Integer>> answers = all.join();
      assertEquals(2, answers.size());
      PageAnswer<Integer> three = answers.stream().filter(PageAnswer::answered).findFirst().orElseThrow();
      assertEquals(3, three.value());
      assertSame(free, three.session());
      PageAnswer<Integer> error = answers.stream().filter(a -> !a.answered()).findFirst().orElseThrow();
      assertEquals(Reason.ERROR, error.failure().reason());
      assertEquals("no agent", error.failure().getMessage());
      assertEquals(0, pages.manager.backplane().asks().size());
    }
  }

  @Test
  void askOfOnePageOnABackplaneNeedsExactlyOneAcrossTheNodes() {
    try (TestPages pages = onLoopBackplane(64)) {
      CompletableFuture<Integer> none = pages.manager.browser().page("/agent.html").ask(Integer.class, "agent.load");
      PageAnswerException gone = assertInstanceOf(PageAnswerException.class,
          assertThrows(CompletionException.class, none::join).getCause());
      assertEquals(Reason.PAGE_GONE, gone.reason());

      ScriptSessionImpl page = pages.open("/agent.html");
      CompletableFuture<Integer> one = pages.manager.browser().page("/agent.html").ask(Integer.class, "agent.load");
      page.answered(List.of(new Answer(calls(page, 0).get(0).get("answer").getAsLong(), JsonParser.parseString("5"), null)));
      assertEquals(5, one.join());

      pages.open("/agent.html");
      CompletableFuture<Integer> two = pages.manager.browser().page("/agent.html")
          .answerTimeout(Duration.ofMillis(50)).ask(Integer.class, "agent.load");
      assertInstanceOf(IllegalStateException.class, assertThrows(CompletionException.class, two::join).getCause());
    }
  }

  @Test
  void anAskStopsWaitingForANodeThatLeftTheClusterAndItsPagesAreGone() {
    LoopBackplaneProvider.OTHERS.put("other", 3);
    try (TestPages pages = onLoopBackplane(64)) {
      ScriptSessionImpl here = pages.open("/agent.html");
      Duration timeout = Duration.ofSeconds(30);
      CompletableFuture<List<PageAnswer<Integer>>> all =
          pages.manager.browser().page("/agent.html").answerTimeout(timeout).askAll(Integer.class, "agent.load");
      CompletableFuture<Integer> one =
          pages.manager.browser().session("on-the-other-node").answerTimeout(timeout).ask(Integer.class, "agent.load");
      here.answered(List.of(new Answer(calls(here, 0).get(0).get("answer").getAsLong(), JsonParser.parseString("4"), null)));
      // The other node is listed: its reply may come (the next test: until the timeout).
      assertFalse(all.isDone());
      assertFalse(one.isDone());

      LoopBackplaneProvider.OTHERS.remove("other");

      List<PageAnswer<Integer>> answers = all.orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join();
      assertEquals(List.of(4), answers.stream().map(PageAnswer::value).toList());
      PageAnswerException gone = assertInstanceOf(PageAnswerException.class,
          assertThrows(CompletionException.class, () -> one.orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join()).getCause());
      assertEquals(Reason.PAGE_GONE, gone.reason());
      assertEquals(0, pages.manager.backplane().asks().size());
    } finally {
      LoopBackplaneProvider.OTHERS.clear();
    }
  }

  @Test
  void anAskOfOnePageTimesOutWhileANodeThatDidNotReplyIsStillListed() {
    LoopBackplaneProvider.OTHERS.put("other", 3);
    try (TestPages pages = onLoopBackplane(64)) {
      CompletableFuture<Integer> one = pages.manager.browser().session("on-the-other-node")
          .answerTimeout(Duration.ofMillis(300)).ask(Integer.class, "agent.load");

      PageAnswerException timedOut = assertInstanceOf(PageAnswerException.class,
          assertThrows(CompletionException.class, () -> one.orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join()).getCause());
      assertEquals(Reason.TIMEOUT, timedOut.reason());
    } finally {
      LoopBackplaneProvider.OTHERS.clear();
    }
  }

  @Test
  void asksWaitingForRepliesAreBoundedByMaxPendingAnswersAndStrayRepliesAreIgnored() {
    try (TestPages pages = onLoopBackplane(1)) {
      ScriptSessionImpl page = pages.open("/agent.html");
      CompletableFuture<List<PageAnswer<Integer>>> first =
          pages.manager.browser().page("/agent.html").askAll(Integer.class, "agent.load");

      CompletableFuture<List<PageAnswer<Integer>>> second =
          pages.manager.browser().page("/nobody.html").askAll(Integer.class, "agent.load");
      PageAnswerException tooMany = assertInstanceOf(PageAnswerException.class,
          assertThrows(CompletionException.class, second::join).getCause());
      assertEquals(Reason.TOO_MANY_ASKS, tooMany.reason());

      ClusterAsks asks = pages.manager.backplane().asks();
      asks.received(new Reply("some-other-node", 1, "x", List.of(new Outcome("s", "/p", null, null, "1"))));
      assertFalse(first.isDone());

      page.answered(List.of(new Answer(calls(page, 0).get(0).get("answer").getAsLong(), JsonParser.parseString("\"x\""), null)));
      PageAnswer<Integer> bad = first.join().get(0);
      assertEquals(Reason.BAD_VALUE, bad.failure().reason());
      assertNull(bad.value());
      assertTrue(asks.size() == 0);
    }
  }
}

package io.duplex.internal.reverse;

import static io.duplex.internal.reverse.TestPages.calls;
import static io.duplex.internal.reverse.TestPages.inCallFrom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.Browser;
import io.duplex.ScriptBuffer;
import io.duplex.ScriptSession;
import io.duplex.Targets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TargetingTest {
  private final TestPages pages = new TestPages();
  private final Browser browser = pages.manager.browser();

  private final ScriptSessionImpl annChat = pages.open("/chat.html", "h-ann", "ann");
  private final ScriptSessionImpl annChat2 = pages.open("/chat.html", "h-ann", "ann");
  private final ScriptSessionImpl annNews = pages.open("/news.html", "h-ann", "ann");
  private final ScriptSessionImpl bobChat = pages.open("/chat.html", "h-bob", "bob");
  private final ScriptSessionImpl guestChat = pages.open("/chat.html", "h-guest", null);

  @AfterEach
  void close() {
    pages.close();
  }

  @Test
  void browserIsEveryPage() {
    assertEquals(5, browser.count());
    assertEquals(Set.of(annChat, annChat2, annNews, bobChat, guestChat), Set.copyOf(browser.sessions()));
  }

  @Test
  void narrowByEachIndex() {
    assertEquals(Set.of(annChat, annChat2, bobChat, guestChat), matched(browser.page("/chat.html")));
    assertEquals(Set.of(annChat, annChat2, annNews), matched(browser.httpSession("h-ann")));
    assertEquals(Set.of(bobChat), matched(browser.user("bob")));
    assertEquals(Set.of(annNews), matched(browser.session(annNews.id())));
    assertEquals(Set.of(), matched(browser.session("unknown")));
    assertEquals(Set.of(), matched(browser.page("/nowhere.html")));
  }

  @Test
  void pageTargetIsNormalisedLikeHandshakes() {
    assertEquals(4, browser.page("//chat.html;jsessionid=X?room=9").count());
  }

  @Test
  void narrowingsCompose() {
    assertEquals(Set.of(annChat, annChat2), matched(browser.page("/chat.html").user("ann")));
    assertEquals(Set.of(annChat, annChat2), matched(browser.user("ann").page("/chat.html")));
    assertEquals(Set.of(annNews), matched(browser.httpSession("h-ann").page("/news.html").user("ann")));
    assertEquals(Set.of(), matched(browser.page("/chat.html").page("/news.html")));
    assertEquals(Set.of(), matched(browser.user("bob").session(annChat.id())));
    annChat2.setAttribute("room", "lobby");
    assertEquals(
        Set.of(annChat2),
        matched(browser.page("/chat.html").filter(s -> "lobby".equals(s.getAttribute("room")))));
    assertEquals(
        Set.of(annNews, bobChat),
        matched(browser.filter(s -> !s.page().equals("/chat.html") || "bob".equals(s.user()))));
  }

  @Test
  void indexedNarrowingVisitsOnlyMatchedPages() {
    for (int i = 0; i < 200; i++) {
      pages.open("/other.html");
    }
    AtomicInteger tested = new AtomicInteger();

    int count = browser.page("/news.html").filter(s -> tested.incrementAndGet() > 0).count();

    assertEquals(1, count);
    assertEquals(1, tested.get(), "the filter ran on the indexed pages only");
  }

  @Test
  void targetsAreReevaluatedOnEveryUse() {
    Targets chat = browser.page("/chat.html");
    assertEquals(4, chat.count());

    ScriptSessionImpl late = pages.open("/chat.html");
    bobChat.invalidate();

    assertEquals(Set.of(annChat, annChat2, guestChat, late), matched(chat));
    chat.call("hello");
    assertEquals(1, calls(late, 0).size());
    assertEquals(0, calls(annNews, 0).size());
  }

  @Test
  void callsReachOnlyMatchedPages() {
    browser.page("/chat.html").user("ann").call("app.notify", "hi");

    assertEquals(1, calls(annChat, 0).size());
    assertEquals(1, calls(annChat2, 0).size());
    assertEquals(0, calls(annNews, 0).size());
    assertEquals(0, calls(bobChat, 0).size());
    assertEquals(0, calls(guestChat, 0).size());
  }

  @Test
  void pushesReturnHowManyPagesTheyReached() {
    assertEquals(2, browser.page("/chat.html").user("ann").call("app.notify", "hi"));
    assertEquals(1, bobChat.target().send(ScriptBuffer.create().call("a").call("b", 1)));
    assertEquals(5, browser.call("everyone"));
  }

  @Test
  void pushesThatReachNobodyReturnZero() {
    assertEquals(0, browser.page("/chta.html").call("app.notify", "typo"), "mistyped page");
    assertEquals(0, browser.user("carol").send(ScriptBuffer.create().call("hello")), "no such user");
    assertEquals(0, browser.send(ScriptBuffer.create()), "empty buffer");

    Targets bob = bobChat.target();
    bobChat.invalidate();
    assertEquals(0, bob.call("ping"), "page closed");

    pages.close();
    assertEquals(0, browser.call("everyone"), "after close()");
  }

  @Test
  void aPushThatReachesNobodyIsLoggedWithItsTarget() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      browser.page("/chta.html").user("ann").call("app.notify", "typo");
      browser.page("/chat.html").call("app.notify", "reached");
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("DEBUG"), log);
    assertTrue(log.contains("app.notify reached no page"), log);
    assertTrue(log.contains("pages where page=/chta.html, user=ann"), log);
    assertEquals(1, log.lines().filter(l -> l.contains("reached no page")).count(), log);
  }

  @Test
  void pagesFollowLoginAndNewSessionId() {
    guestChat.follow("h-guest-2", "carol");

    assertEquals(Set.of(guestChat), matched(browser.user("carol")));
    assertEquals(Set.of(guestChat), matched(browser.httpSession("h-guest-2")));
    assertEquals(Set.of(), matched(browser.httpSession("h-guest")));

    annNews.follow("h-ann", null); // logged out, same session
    assertEquals(Set.of(annChat, annChat2), matched(browser.user("ann")));

    pages.manager.httpSessionIdChanged(annChat.ownerKey(), "h-ann-2");
    assertEquals(Set.of(annChat, annChat2, annNews), matched(browser.httpSession("h-ann-2")));
    assertEquals(0, browser.httpSession("h-ann").count());

    guestChat.invalidate();
    assertTrue(pages.manager.index().matching(SessionKey.USER, "carol").isEmpty(), "no stale index entry");
    assertTrue(pages.manager.index().matching(SessionKey.HTTP_SESSION, "h-guest-2").isEmpty());
  }

  @Test
  void sessionTargetsItself() {
    bobChat.target().call("ping");

    assertEquals(1, calls(bobChat, 0).size());
    assertEquals(0, calls(annChat, 0).size());
    assertEquals(1, bobChat.target().count());
  }

  @Test
  void currentAndCurrentPageFollowTheCallingPage() {
    Set<ScriptSession> current = inCallFrom(bobChat, () -> matched(browser.current()));
    Set<ScriptSession> currentPage = inCallFrom(annNews, () -> matched(browser.currentPage()));
    Set<ScriptSession> samePage = inCallFrom(guestChat, () -> matched(browser.currentPage().user("ann")));

    assertEquals(Set.of(bobChat), current);
    assertEquals(Set.of(annNews), currentPage);
    assertEquals(Set.of(annChat, annChat2), samePage);
  }

  @Test
  void currentOutsideACallIsAClearError() {
    IllegalStateException error = assertThrows(IllegalStateException.class, browser::current);
    assertTrue(error.getMessage().contains("not serving"), error.getMessage());
    assertThrows(IllegalStateException.class, browser::currentPage);
  }

  @Test
  void sessionsIsASnapshot() {
    var snapshot = browser.page("/news.html").sessions();
    pages.open("/news.html");

    assertEquals(1, snapshot.size());
    assertThrows(UnsupportedOperationException.class, () -> snapshot.clear());
  }

  @Test
  void nullNarrowingsAreRefused() {
    assertThrows(NullPointerException.class, () -> browser.page(null));
    assertThrows(NullPointerException.class, () -> browser.user(null));
    assertThrows(NullPointerException.class, () -> browser.filter(null));
  }

  private static Set<ScriptSession> matched(Targets targets) {
    Set<ScriptSession> sessions = targets.sessions().stream().collect(Collectors.toSet());
    assertEquals(sessions.size(), targets.count());
    return sessions;
  }
}

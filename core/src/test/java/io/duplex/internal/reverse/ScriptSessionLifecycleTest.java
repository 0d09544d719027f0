package io.duplex.internal.reverse;

import static io.duplex.internal.reverse.TestPages.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.ScriptSession;
import io.duplex.ScriptSessionListener;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScriptSessionLifecycleTest {
  private final TestPages pages = new TestPages();
  private final ScriptSessionManager manager = pages.manager;

  @AfterEach
  void close() {
    pages.close();
  }

  @Test
  void createdSessionCarriesItsBindingData() {
    ScriptSessionImpl session = manager.create("/chat.html?room=1", "secret-owner", "http-1", "ann");

    assertEquals("/chat.html", session.page());
    assertEquals("secret-owner", session.ownerKey());
    assertEquals("http-1", session.httpSessionId());
    assertEquals("ann", session.user());
    assertTrue(session.isValid());
    assertNotNull(session.createdAt());
    assertFalse(session.lastSeenAt().isBefore(session.createdAt()));
    assertSame(session, manager.find(session.id()));
  }

  @Test
  void anonymousPageHasNoUser() {
    assertNull(manager.create("/", "o", "h", null).user());
  }

  @Test
  void idsAreLongRandomBase64Url() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      String id = pages.open("/p").id();
      assertTrue(id.matches("[A-Za-z0-9_-]+"), id);
      assertTrue(Base64.getUrlDecoder().decode(id).length >= 16, "at least 128 bits: " + id);
      ids.add(id);
    }
    assertEquals(500, ids.size());
  }

  @Test
  void attributesAreKeptPerSession() {
    ScriptSessionImpl a = pages.open("/p");
    ScriptSessionImpl b = pages.open("/p");
    a.setAttribute("room", "lobby");

    assertEquals("lobby", a.getAttribute("room"));
    assertNull(b.getAttribute("room"));
    assertEquals("lobby", a.removeAttribute("room"));
    assertNull(a.getAttribute("room"));

    a.setAttribute("x", 1);
    a.setAttribute("x", null);
    assertNull(a.getAttribute("x"));
  }

  @Test
  void findIgnoresUnknownAndEndedSessions() {
    ScriptSessionImpl session = pages.open("/p");
    session.invalidate();

    assertNull(manager.find(session.id()));
    assertNull(manager.find("no-such-session"));
    assertNull(manager.find(null));
    assertFalse(session.isValid());
  }

  @Test
  void touchMovesLastSeen() {
    ScriptSessionImpl session = pages.open("/p");
    var before = session.lastSeenAt();
    waitUntil("the clock moves", () -> System.currentTimeMillis() > before.toEpochMilli());
    session.touch();
    assertTrue(session.lastSeenAt().isAfter(before));
  }

  @Test
  void listenersHearCreatedAfterIndexingAndDestroyedAfterRemovalExactlyOnce() {
    List<String> events = new CopyOnWriteArrayList<>();
    manager.addListener(
        new ScriptSessionListener() {
          @Override
          public void created(ScriptSession session) {
            boolean findable = manager.find(session.id()) == session;
            boolean targetable = manager.browser().page(session.page()).count() == 1;
            events.add("created " + findable + " " + targetable);
          }

          @Override
          public void destroyed(ScriptSession session) {
            boolean findable = manager.find(session.id()) != null;
            boolean targetable = manager.browser().page(session.page()).count() != 0;
            events.add("destroyed " + findable + " " + targetable + " " + session.isValid());
          }
        });

    ScriptSessionImpl session = pages.open("/listened");
    session.invalidate();
    session.invalidate();

    assertEquals(List.of("created true true", "destroyed false false false"), events);
  }

  @Test
  void throwingListenerDoesNotStopOthers() {
    AtomicInteger heard = new AtomicInteger();
    ScriptSessionListener broken =
        new ScriptSessionListener() {
          @Override
          public void created(ScriptSession session) {
            throw new IllegalStateException("listener bug (expected by the test)");
          }

          @Override
          public void destroyed(ScriptSession session) {
            throw new IllegalStateException("listener bug (expected by the test)");
          }
        };
    manager.addListener(broken);
    manager.addListener(
        new ScriptSessionListener() {
          @Override
          public void created(ScriptSession session) {
            heard.incrementAndGet();
          }

          @Override
          public void destroyed(ScriptSession session) {
            heard.incrementAndGet();
          }
        });

    ScriptSessionImpl session = pages.open("/p");
    session.invalidate();

    assertEquals(2, heard.get());
    assertNull(manager.find(session.id()));
  }

  @Test
  void removedListenerHearsNothing() {
    AtomicInteger heard = new AtomicInteger();
    ScriptSessionListener listener =
        new ScriptSessionListener() {
          @Override
          public void created(ScriptSession session) {
            heard.incrementAndGet();
          }
        };
    manager.addListener(listener);
    pages.open("/p");
    manager.removeListener(listener);
    pages.open("/p");

    assertEquals(1, heard.get());
  }

  @Test
  void endingAnHttpSessionEndsOnlyItsPages() {
    ScriptSessionImpl a1 = manager.create("/a", "owner-a", "h-a", null);
    ScriptSessionImpl a2 = manager.create("/b", "owner-a", "h-a", null);
    ScriptSessionImpl b = manager.create("/a", "owner-b", "h-b", null);

    manager.endOwner("owner-a");

    assertFalse(a1.isValid());
    assertFalse(a2.isValid());
    assertTrue(b.isValid());
    assertEquals(1, manager.browser().count());
    manager.endOwner("unknown-owner");
    manager.endOwner(null);
    assertTrue(b.isValid());
  }

  @Test
  void invalidatingDiscardsTheQueueAndWakesTheHeldConnection() {
    ScriptSessionImpl session = pages.open("/p");
    AtomicInteger signals = new AtomicInteger();
    session.queue().setSignal(signals::incrementAndGet);
    session.target().call("f", 1);
    assertEquals(1, signals.get());

    session.invalidate();

    assertEquals(2, signals.get());
    assertEquals(0, session.queueStats().depth());
    assertEquals("{}", TestPages.write(session.queue(), 0));
    assertFalse(session.queue().hasPendingAfter(0));
  }

  @Test
  void closeEndsEveryPageAndRefusesNewOnes() {
    List<ScriptSessionImpl> open = new ArrayList<>();
    AtomicInteger destroyed = new AtomicInteger();
    manager.addListener(
        new ScriptSessionListener() {
          @Override
          public void destroyed(ScriptSession session) {
            destroyed.incrementAndGet();
          }
        });
    for (int i = 0; i < 5; i++) {
      open.add(pages.open("/p" + i));
    }

    manager.close();
    manager.close();

    assertTrue(open.stream().noneMatch(ScriptSessionImpl::isValid));
    assertEquals(5, destroyed.get());
    assertEquals(0, manager.browser().count());
    assertThrows(IllegalStateException.class, () -> pages.open("/late"));
  }
}

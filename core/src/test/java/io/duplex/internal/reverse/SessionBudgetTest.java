package io.duplex.internal.reverse;

import static io.duplex.internal.reverse.TestPages.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.ScriptSession;
import io.duplex.ScriptSessionListener;
import io.duplex.internal.protocol.ErrorCode;
import io.duplex.internal.protocol.ProtocolException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The caps on script sessions: first contact, pages per HTTP session, pages in all. */
class SessionBudgetTest {
  @Test
  void aPageThatNeverCameBackEndsAfterTheFirstContactTimeoutOneThatDidStays() {
    try (TestPages pages = new TestPages(b -> b.firstContactTimeoutMillis(150))) {
      List<ScriptSession> destroyed = new CopyOnWriteArrayList<>();
      pages.manager.addListener(
          new ScriptSessionListener() {
            @Override
            public void destroyed(ScriptSession session) {
              destroyed.add(session);
            }
          });
      ScriptSessionImpl back = pages.open("/back");
      back.touch();
      ScriptSessionImpl gone = pages.open("/gone");

      // isValid() turns false before the listeners hear of it: wait for both.
      waitUntil("the page that never came back ends", () -> !gone.isValid() && !destroyed.isEmpty());
      assertTrue(back.isValid(), "a page that made its first request lives by scriptSessionTimeoutMillis");
      assertEquals(List.of(gone), destroyed);
      assertEquals(1, pages.manager.openCount());
    }
  }

  @Test
  void beyondTheCapOfOneHttpSessionItsLeastRecentlyActivePageEnds() {
    try (TestPages pages = new TestPages(b -> b.maxPagesPerHttpSession(3))) {
      ScriptSessionImpl a = pages.open("/a", "http-1", null);
      ScriptSessionImpl b = pages.open("/b", "http-1", null);
      ScriptSessionImpl c = pages.open("/c", "http-1", null);
      ScriptSessionImpl other = pages.open("/o", "http-2", null);
      a.setHeld(true); // a held request counts as active
      c.touch();

      ScriptSessionImpl d = pages.open("/d", "http-1", null);

      assertFalse(b.isValid(), "b: least recently active");
      assertTrue(a.isValid() && c.isValid() && d.isValid() && other.isValid());
      assertEquals(4, pages.manager.openCount());
    }
  }

  @Test
  void beyondTheGlobalCapAHandshakeIsRefusedAsBusyUntilAPageEnds() {
    try (TestPages pages = new TestPages(b -> b.maxScriptSessions(2))) {
      ScriptSessionImpl first = pages.open("/1");
      pages.open("/2");
      assertTrue(pages.manager.isFull());
      ProtocolException busy = assertThrows(ProtocolException.class, () -> pages.open("/3"));
      assertEquals(ErrorCode.SERVER_BUSY, busy.code());
      assertEquals(503, busy.httpStatus());

      first.invalidate();
      assertFalse(pages.manager.isFull());
      assertTrue(pages.open("/3").isValid());
    }
  }
}

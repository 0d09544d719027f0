package io.duplex.internal.reverse;

import static io.duplex.internal.reverse.TestPages.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.ScriptSession;
import io.duplex.ScriptSessionListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdleTimeoutTest {
  private final TestPages pages = new TestPages(b -> b.scriptSessionTimeoutMillis(100));

  @AfterEach
  void close() {
    pages.close();
  }

  @Test
  void unseenSessionIsEndedAndListenersHear() {
    List<ScriptSession> destroyed = new CopyOnWriteArrayList<>();
    pages.manager.addListener(
        new ScriptSessionListener() {
          @Override
          public void destroyed(ScriptSession session) {
            destroyed.add(session);
          }
        });
    ScriptSessionImpl session = pages.open("/idle");

    // The sweep ends the session, then tells the listeners: wait for both, not only the first.
    waitUntil("the idle session ends and listeners hear", () -> !session.isValid() && !destroyed.isEmpty());

    assertEquals(List.of(session), destroyed);
    assertEquals(null, pages.manager.find(session.id()));
  }

  @Test
  void heldSessionNeverIdlesOutUntilReleased() {
    ScriptSessionImpl held = pages.open("/held");
    held.setHeld(true);
    // Opened after the held one: once it has idled out, so would the held one have.
    ScriptSessionImpl later = pages.open("/later");

    waitUntil("the later session ends", () -> !later.isValid());
    assertTrue(held.isValid());

    held.setHeld(false);
    waitUntil("the released session ends", () -> !held.isValid());
  }

  @Test
  void replacedRequestReleasingDoesNotUnholdTheNewOne() {
    ScriptSessionImpl session = pages.open("/held");
    session.setHeld(true); // first reverse request
    session.setHeld(true); // its replacement arrives before the first completes
    session.setHeld(false); // the first completes
    ScriptSessionImpl later = pages.open("/later");

    waitUntil("the later session ends", () -> !later.isValid());
    assertTrue(session.isValid());
  }

  @Test
  void touchedSessionStaysOpen() {
    // A longer timeout, so that a stalled test thread does not look like an idle page.
    try (TestPages slower = new TestPages(b -> b.scriptSessionTimeoutMillis(400))) {
      ScriptSessionImpl busy = slower.open("/busy");
      ScriptSessionImpl later = slower.open("/later");

      waitUntil(
          "the untouched session ends",
          () -> {
            busy.touch();
            return !later.isValid();
          });

      assertTrue(busy.isValid());
    }
  }
}

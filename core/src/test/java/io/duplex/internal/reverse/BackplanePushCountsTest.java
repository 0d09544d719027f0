package io.duplex.internal.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.duplex.Duplex;
import io.duplex.PushCounts;
import io.duplex.internal.DuplexRuntime;
import org.junit.jupiter.api.Test;

class BackplanePushCountsTest {
  @Test
  void pushesThroughTheBackplaneAreCounted() {
    try (Duplex duplex = Duplex.builder().backplane("loop://here").build()) {
      ScriptSessionManager sessions = DuplexRuntime.of(duplex).sessions();
      ScriptSessionImpl page = sessions.create("/chat.html", "owner", "h-1", null);

      assertEquals(1, duplex.browser().page("/chat.html").call("hello"));
      assertEquals(0, duplex.browser().page("/nowhere.html").call("hello"));

      assertEquals(1, page.queue().stats().depth(), "delivered back through the loop backplane");
      PushCounts counts = duplex.pushCounts();
      assertEquals(2, counts.pushes());
      assertEquals(1, counts.pagesReached());
    }
  }

  @Test
  void aPushThroughTheBackplaneCountsThisNodesMatchingPagesForEveryKindOfTarget() {
    try (Duplex duplex = Duplex.builder().backplane("loop://here").build()) {
      ScriptSessionManager sessions = DuplexRuntime.of(duplex).sessions();
      ScriptSessionImpl ann = sessions.create("/chat.html", "o-1", "h-1", "ann");
      sessions.create("/chat.html", "o-2", "h-2", "bob");
      sessions.create("/news.html", "o-3", "h-3", "ann");
      ScriptSessionImpl gone = sessions.create("/chat.html", "o-4", "h-4", "ann");
      gone.invalidate();

      assertEquals(3, duplex.browser().call("hello"));
      assertEquals(2, duplex.browser().page("/chat.html").call("hello"));
      assertEquals(2, duplex.browser().user("ann").call("hello"));
      assertEquals(1, duplex.browser().httpSession("h-2").call("hello"));
      assertEquals(1, duplex.browser().session(ann.id()).call("hello"));
      assertEquals(0, duplex.browser().session(gone.id()).call("hello"));
      assertEquals(1, duplex.browser().page("/chat.html").user("ann").call("hello"));
      assertEquals(0, duplex.browser().page("/news.html").user("bob").call("hello"));

      assertEquals(5, ann.queue().stats().depth(), "every push but the one to the ended page came back to it");
      assertEquals(10, duplex.pushCounts().pagesReached());
    }
  }
}

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
}

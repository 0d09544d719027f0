package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.ReverseAjax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A page that falls behind gets resync on every delivery until it catches up (section 4.2). */
class OverflowTest {
  private static final int MAX_QUEUED = 5;
  @RegisterExtension
  static final RunningServer app =
      new RunningServer(() -> Duplex.builder()
          .reverseAjax(ReverseAjax.COMET)
          .heartbeatMillis(200)
          .maxHoldMillis(5_000)
          .maxQueuedCalls(MAX_QUEUED)
          .build());

  @Test
  void overflowIsReportedWithResyncUntilThePageCatchesUp() {
    DuplexTestClient page = app.server().client().handshake("/behind.html");
    for (int i = 1; i <= 8; i++) {
      app.duplex().browser().session(page.session()).call("app.n", i);
    }
    PageState state = new PageState();
    try (ReverseStream stream = page.openStream()) {
      assertTrue(stream.next().has("open"));
      JsonObject reverse = stream.nextSkippingHeartbeats().getAsJsonObject("reverse");
      JsonObject resync = reverse.getAsJsonObject("resync");
      assertEquals(3, resync.get("dropped").getAsLong());
      assertEquals(4, resync.get("next").getAsLong());
      assertEquals(5, reverse.getAsJsonArray("calls").size());
      assertTrue(state.apply(reverse));
      assertEquals(java.util.List.of("app.n[4]", "app.n[5]", "app.n[6]", "app.n[7]", "app.n[8]"), state.ran());
      assertEquals(3, state.resyncDropped());
    }
    // Until acknowledged, every delivery still says what was lost.
    JsonObject again = page.ack(0).batch().json().getAsJsonObject("reverse");
    assertTrue(again.has("resync"), again.toString());

    assertEquals(204, page.sendAck(state.lastSeq()).status());
    app.duplex().browser().session(page.session()).call("app.n", 9);
    try (ReverseStream stream = page.ack(state.lastSeq()).openStream()) {
      assertTrue(stream.next().has("open"));
      JsonObject reverse = stream.nextSkippingHeartbeats().getAsJsonObject("reverse");
      assertFalse(reverse.has("resync"), "caught up: " + reverse);
      assertTrue(state.apply(reverse));
    }
    assertEquals("app.n[9]", state.ran().get(state.ran().size() - 1));
  }
}

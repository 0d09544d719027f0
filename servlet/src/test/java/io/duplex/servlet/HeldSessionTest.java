package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.Duplex;
import io.duplex.ReverseAjax;
import io.duplex.internal.DuplexRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A held reverse request counts as seen: the page does not time out while it is held. */
class HeldSessionTest {
  private static final long TIMEOUT_MILLIS = 400;
  @RegisterExtension
  static final RunningServer app =
      new RunningServer(() -> Duplex.builder()
          .reverseAjax(ReverseAjax.COMET)
          .heartbeatMillis(100)
          .maxHoldMillis(30_000)
          .scriptSessionTimeoutMillis(TIMEOUT_MILLIS)
          .build());

  @Test
  void aHeldStreamKeepsItsPageAliveAndItsEndLetsItExpire() {
    DuplexTestClient page = app.server().client().handshake("/held.html");
    try (ReverseStream stream = page.openStream()) {
      assertTrue(stream.next().has("open"));
      // Ten heartbeats: well over the timeout has passed while the stream was held.
      for (int i = 0; i < 10; i++) {
        assertEquals("{\"hb\":1}", stream.next().toString());
      }
      assertNotNull(DuplexRuntime.of(app.duplex()).sessions().find(page.session()), "held: not expired");
    }
    Await.until(() -> DuplexRuntime.of(app.duplex()).sessions().find(page.session()) == null, "the page to expire once released");
  }
}

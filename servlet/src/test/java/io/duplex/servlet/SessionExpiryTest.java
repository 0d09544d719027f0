package io.duplex.servlet;

import static io.duplex.servlet.DuplexTestClient.call;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.duplex.Duplex;
import io.duplex.internal.DuplexRuntime;
import io.duplex.servlet.DuplexTestClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A page unseen for scriptSessionTimeoutMillis is gone: its requests get SESSION_UNKNOWN. */
class SessionExpiryTest {
  @RegisterExtension
  static final RunningServer app =
      new RunningServer(() -> Duplex.builder().expose(TestServices.Echo.class).scriptSessionTimeoutMillis(300).build());

  @Test
  void anExpiredScriptSessionIsUnknown() {
    DuplexTestClient page = app.server().client().handshake("/idle.html");
    assertEquals("x", page.value("Echo", "echo", "x").getAsString());
    // Watch without touching the session: a successful request would count as seen.
    Await.until(() -> DuplexRuntime.of(app.duplex()).sessions().find(page.session()) == null, "the page to expire");
    Response r = page.batch(call(1, "Echo", "echo", "y"));
    assertEquals(410, r.status());
    assertEquals("SESSION_UNKNOWN", r.errorCode());
    assertEquals("fresh", page.handshake("/idle.html").value("Echo", "echo", "fresh").getAsString(), "a new handshake recovers");
  }
}

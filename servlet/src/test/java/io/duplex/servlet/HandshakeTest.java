package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.ReverseAjax;
import io.duplex.servlet.DuplexTestClient.Response;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /session}: protocol section 2. */
class HandshakeTest {
  @RegisterExtension
  static final RunningServer app =
      new RunningServer(() -> Duplex.builder()
          .expose(TestServices.Echo.class)
          .reverseAjax(ReverseAjax.COMET)
          .streaming(false)
          .maxHoldMillis(12_345)
          .heartbeatMillis(2_345)
          .pollIntervalMillis(3_456)
          .ackIntervalMillis(456)
          .build());

  @Test
  void answersWithSessionTokenPageAndReverseSettings() {
    Response r = app.server().client().post("session", DuplexTestClient.json("v", 1, "page", "/chat.html?room=1"));
    assertEquals(200, r.status());
    assertEquals("no-store", r.header("Cache-Control").orElseThrow());
    assertTrue(r.header("Set-Cookie").orElseThrow().startsWith("JSESSIONID="), "HTTP session created");
    JsonObject body = r.json();
    assertEquals(1, body.get("v").getAsInt());
    assertTrue(Base64.getUrlDecoder().decode(body.get("session").getAsString()).length >= 16, "128+ bits");
    assertEquals(32, Base64.getUrlDecoder().decode(body.get("csrf").getAsString()).length, "256 bits");
    assertEquals("/chat.html", body.get("page").getAsString(), "normalised");
    JsonObject reverse = body.getAsJsonObject("reverse");
    assertEquals("comet", reverse.get("mode").getAsString());
    assertFalse(reverse.get("streaming").getAsBoolean());
    assertEquals(12_345, reverse.get("maxHoldMillis").getAsLong());
    assertEquals(2_345, reverse.get("heartbeatMillis").getAsLong());
    assertEquals(3_456, reverse.get("pollIntervalMillis").getAsLong());
    assertEquals(456, reverse.get("ackIntervalMillis").getAsLong());
    assertFalse(body.get("debug").getAsBoolean());
    assertFalse(r.header("Access-Control-Allow-Origin").isPresent(), "no CORS: other origins cannot read the token");
  }

  @Test
  void theScriptSessionIsRegisteredUnderItsNormalisedPage() {
    DuplexTestClient page = app.server().client().handshake("//shop//cart.html;jsessionid=abc?x=1");
    assertEquals("/shop/cart.html", page.handshakeResponse().get("page").getAsString());
    assertEquals(1, app.duplex().browser().page("/shop/cart.html").session(page.session()).count());
  }

  @Test
  void everyHandshakeOpensANewPage() {
    DuplexTestClient browser = app.server().client().handshake("/a.html");
    String first = browser.session();
    browser.handshake("/a.html");
    assertNotEquals(first, browser.session());
    assertEquals(1, app.duplex().browser().session(first).count(), "the earlier page stays open");
  }
}

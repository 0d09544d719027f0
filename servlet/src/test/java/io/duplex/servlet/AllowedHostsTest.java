package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.Duplex;
import io.duplex.servlet.RawHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding: a hostile page at {@code http://evil.example:port} whose name now resolves to this
 * server sends {@code Host} and {@code Origin} both naming evil.example, so "Origin equals own
 * origin" holds. {@code allowedHosts} is what refuses it.
 */
class AllowedHostsTest {
  private static final String HANDSHAKE = DuplexTestClient.json("v", 1, "page", "/index.html");

  private static Duplex open;
  private static Duplex restricted;
  private static TestServer openServer;
  private static TestServer restrictedServer;

  @BeforeAll
  static void start() {
    open = Duplex.builder().expose(TestServices.Echo.class).build();
    openServer = TestServer.start(open);
    restricted = Duplex.builder().expose(TestServices.Echo.class).allowedHosts("127.0.0.1", "app.example").build();
    restrictedServer = TestServer.start(restricted);
  }

  @AfterAll
  static void stop() throws Exception {
    openServer.close();
    restrictedServer.close();
    open.close();
    restricted.close();
  }

  private static String rebound(TestServer server) {
    return "evil.example:" + server.port();
  }

  @Test
  void withoutAllowedHostsARebindingPagePassesTheOriginCheck() {
    String host = rebound(openServer);
    Answer a = RawHttp.post(openServer.port(), host, "http://" + host, "/duplex/session", HANDSHAKE);
    assertEquals(200, a.status(), a.body());
  }

  @Test
  void aRebindingPageIsRefusedWhenAllowedHostsIsSet() {
    String host = rebound(restrictedServer);
    Answer a = RawHttp.post(restrictedServer.port(), host, "http://" + host, "/duplex/session", HANDSHAKE);
    assertEquals(403, a.status(), a.body());
    assertTrue(a.hasErrorCode("HOST_REJECTED"), a.body());
    Answer script = RawHttp.get(restrictedServer.port(), host, "/duplex/engine.js");
    assertEquals(403, script.status());
    assertTrue(script.hasErrorCode("HOST_REJECTED"), script.body());
  }

  @Test
  void listedHostsAreServedOnAnyPort() {
    String own = "127.0.0.1:" + restrictedServer.port();
    Answer a = RawHttp.post(restrictedServer.port(), own, "http://" + own, "/duplex/session", HANDSHAKE);
    assertEquals(200, a.status(), a.body());
    // A proxy in front answering as app.example forwards Host without a port (default port 80).
    Answer b = RawHttp.post(restrictedServer.port(), "App.Example", "http://app.example", "/duplex/session", HANDSHAKE);
    assertEquals(200, b.status(), b.body());
    Answer c = RawHttp.post(restrictedServer.port(), "app.example:80", "http://app.example", "/duplex/session", HANDSHAKE);
    assertEquals(200, c.status(), c.body());
    Answer d = RawHttp.post(restrictedServer.port(), "app.example.evil.example", "http://app.example.evil.example",
        "/duplex/session", HANDSHAKE);
    assertEquals(403, d.status(), d.body());
    assertEquals(200, restrictedServer.client().get("engine.js").status());
  }

  @Test
  void anAllowedHostStillNeedsAnAllowedOrigin() {
    Answer a = RawHttp.post(restrictedServer.port(), "app.example", "http://evil.example", "/duplex/session", HANDSHAKE);
    assertEquals(403, a.status(), a.body());
    assertTrue(a.hasErrorCode("ORIGIN_REJECTED"), a.body());
  }

  @Test
  void aMalformedEntryFailsAtStartup() {
    for (String wrong : new String[] {"https://app.example", "app.example/", "user@app.example"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Duplex.builder().set("allowedHosts", wrong));
      assertTrue(e.getMessage().contains("allowedHosts") && e.getMessage().contains(wrong), e.getMessage());
    }
  }
}

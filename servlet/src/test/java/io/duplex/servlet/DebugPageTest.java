package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.duplex.Duplex;
import io.duplex.ReverseAjax;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code {base}/debug/}: refused DEBUG_DISABLED without debug, the page and its live state with it. */
class DebugPageTest {
  private static final String[] PATHS = {"debug", "debug/", "debug/state.json", "debug/debug.js", "debug/debug.css",
      "debug/index.html", "debug/../debug/state.json", "debug/nope"};

  @Test
  void withoutDebugEveryDebugPathIsRefusedAndTellsNothing() throws Exception {
    try (Duplex duplex = Duplex.builder().expose(TestServices.Echo.class).build();
        TestServer server = TestServer.start(duplex)) {
      DuplexTestClient page = server.client().handshake("/secret-page.html");
      page.call("Echo", "echo", "x");
      for (String path : PATHS) {
        DuplexTestClient.Response response = page.get(path);
        assertEquals(404, response.status(), path);
        assertEquals("DEBUG_DISABLED", response.errorCode(), path);
        assertFalse(response.body().contains("secret-page"), response.body());
        assertFalse(response.body().contains("Echo"), response.body());
        assertFalse(response.header("Content-Type").orElse("").contains("html"), path);
      }
      DuplexTestClient.Response post = page.send("POST", "debug/state.json", HttpRequest.BodyPublishers.noBody(), Map.of());
      assertEquals("DEBUG_DISABLED", post.errorCode());
      assertEquals(9, duplex.refusals().count("DEBUG_DISABLED"));
    }
  }

  @Test
  void withDebugThePageItsFilesAndTheLiveStateAreServed() throws Exception {
    try (Duplex duplex = Duplex.builder().expose(TestServices.Echo.class).debug(true)
            .reverseAjax(ReverseAjax.COMET).streaming(true).maxHoldMillis(10_000).build();
        TestServer server = TestServer.start(duplex)) {
      DuplexTestClient client = server.client();

      DuplexTestClient.Response html = client.get("debug/");
      assertEquals(200, html.status());
      assertTrue(html.header("Content-Type").orElseThrow().startsWith("text/html"));
      assertTrue(html.body().contains("<script src=\"debug.js\""), html.body());
      assertFalse(html.body().contains("<script>"), "no inline script");
      assertFalse(html.body().contains("style="), "no inline style");
      assertTrue(html.header("Content-Security-Policy").orElseThrow().contains("script-src 'self'"));
      assertEquals("no-store", html.header("Cache-Control").orElseThrow());
      assertTrue(client.get("debug/debug.js").body().contains("state.json"));
      assertTrue(client.get("debug/debug.css").header("Content-Type").orElseThrow().startsWith("text/css"));
      assertEquals("NOT_FOUND", client.get("debug/nope").errorCode());
      DuplexTestClient.Response redirect = client.get("debug");
      assertEquals(302, redirect.status());
      assertEquals(server.basePath() + "/debug/", redirect.header("Location").orElseThrow());
      assertEquals(405, client.send("POST", "debug/state.json", HttpRequest.BodyPublishers.noBody(), Map.of()).status());

      DuplexTestClient page = server.client().handshake("/board.html?room=1");
      page.call("Echo", "echo", "x");
      page.call("Echo", "fail");
      try (ReverseStream stream = page.openStream()) {
        assertTrue(stream.next().has("open"));
        Await.until(() -> duplex.heldConnections().streaming() == 1, "the stream is held");
        duplex.browser().call("show", 1);
        stream.nextSkippingHeartbeats();
        JsonObject state = state(client);

        JsonArray services = state.getAsJsonArray("services");
        assertEquals("Echo", services.get(0).getAsJsonObject().get("name").getAsString());
        assertTrue(services.toString().contains("{\"name\":\"add\",\"params\":[\"a\",\"b\"]}"), services.toString());
        JsonObject listed = state.getAsJsonArray("pages").get(0).getAsJsonObject();
        assertEquals("/board.html", listed.get("page").getAsString());
        assertEquals("streaming", listed.get("transport").getAsString());
        assertEquals(1, listed.get("queued").getAsInt());
        assertFalse(state.toString().contains(page.session()), "never a session id");
        assertFalse(state.toString().contains(page.csrf()), "never a token");

        JsonObject metrics = state.getAsJsonObject("metrics");
        assertEquals(1, metrics.get("pagesOpen").getAsInt());
        assertEquals(1, metrics.getAsJsonObject("held").get("streaming").getAsInt());
        assertEquals(1, metrics.getAsJsonObject("queues").get("entries").getAsInt());
        assertEquals(1, metrics.getAsJsonObject("pushes").get("pushes").getAsInt());
        assertEquals(2, metrics.getAsJsonObject("calls").get("total").getAsInt());
        assertEquals(1, metrics.getAsJsonObject("calls").getAsJsonObject("errors").get("SERVER_ERROR").getAsInt());
        assertEquals(1, metrics.getAsJsonObject("pushToWrite").get("writes").getAsInt());
      }
      page.unload();
      Await.until(() -> state(client).getAsJsonArray("pages").isEmpty(), "the page ended");
    }
  }

  private static JsonObject state(DuplexTestClient client) {
    DuplexTestClient.Response response = client.get("debug/state.json");
    assertEquals(200, response.status(), response.body());
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }
}

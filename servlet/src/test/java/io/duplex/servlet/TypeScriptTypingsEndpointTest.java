package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.Duplex;
import io.duplex.ScriptName;
import org.junit.jupiter.api.Test;

/** {@code GET /duplex/types/<Name>.d.ts}: served with debug on, absent (404) with it off. */
class TypeScriptTypingsEndpointTest {
  /** A page interface of this test. */
  @ScriptName("board")
  public interface BoardPage {
    void show(String text, long version);
  }

  @Test
  void debugServesServiceEngineAndProxiedPageTypings() throws Exception {
    try (Duplex duplex = Duplex.builder().expose(TestServices.Echo.class).debug(true).build();
        TestServer server = TestServer.start(duplex)) {
      DuplexTestClient client = server.client();

      DuplexTestClient.Response service = client.get("types/Echo.d.ts");
      assertEquals(200, service.status(), service.body());
      // Containers differ only in the space before the parameter.
      assertEquals(
          "application/typescript;charset=utf-8", service.header("Content-Type").orElseThrow().replace(" ", ""));
      assertTrue(service.body().contains("echo(text: string, callbackOrOptions?"), service.body());
      assertTrue(service.body().contains("add(a: number, b: number, callbackOrOptions?"), service.body());
      assertTrue(service.body().contains("const Echo: Echo;"), service.body());

      DuplexTestClient.Response engine = client.get("types/engine.d.ts");
      assertEquals(200, engine.status());
      assertTrue(engine.body().contains("declare const duplex: DuplexEngine;"), engine.body());

      // A page interface is known once the application made a proxy of it.
      assertEquals("NOT_FOUND", client.get("types/BoardPage.d.ts").errorCode());
      duplex.browser().page("/board.html").proxy(BoardPage.class);
      DuplexTestClient.Response page = client.get("types/BoardPage.d.ts");
      assertEquals(200, page.status(), page.body());
      assertTrue(page.body().contains("show(text: string, version: number | string): void;"), page.body());
      assertTrue(page.body().contains("board: BoardPage;"), page.body());

      DuplexTestClient.Response unknown = client.get("types/Nope.d.ts");
      assertEquals(404, unknown.status());
      assertEquals("NOT_FOUND", unknown.errorCode());
      assertEquals(404, client.get("types/Echo.js").status());
      assertEquals(405, client.send("POST", "types/Echo.d.ts",
          java.net.http.HttpRequest.BodyPublishers.noBody(), java.util.Map.of()).status());
    }
  }

  @Test
  void withoutDebugTheTypingsDoNotExist() throws Exception {
    try (Duplex duplex = Duplex.builder().expose(TestServices.Echo.class).build();
        TestServer server = TestServer.start(duplex)) {
      duplex.browser().page("/board.html").proxy(BoardPage.class);
      for (String name : new String[] {"Echo", "engine", "BoardPage"}) {
        DuplexTestClient.Response response = server.client().get("types/" + name + ".d.ts");
        assertEquals(404, response.status(), name);
        assertEquals("NOT_FOUND", response.errorCode(), name);
        assertFalse(response.body().contains("interface"), response.body());
      }
    }
  }
}

package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.duplex.Duplex;
import io.duplex.servlet.DuplexTestClient.Response;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The GET endpoints, routing and method checks. */
class ScriptEndpointsTest {
  private static Duplex duplex;
  private static TestServer server;
  private final DuplexTestClient browser = server.client();

  @BeforeAll
  static void start() {
    duplex = Duplex.builder().expose(TestServices.Echo.class).build();
    server = TestServer.start(duplex);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    duplex.close();
  }

  private static byte[] resource(String name) throws Exception {
    try (InputStream in = DuplexServlet.class.getClassLoader().getResourceAsStream(name)) {
      assumeTrue(in != null, name + " is produced by js-client");
      return in.readAllBytes();
    }
  }

  private void assertCachedScript(String path, byte[] expected) {
    Response first = browser.get(path);
    assertEquals(200, first.status());
    String type = first.header("Content-Type").orElseThrow().toLowerCase().replace(" ", "");
    assertEquals("text/javascript;charset=utf-8", type);
    assertEquals("no-cache", first.header("Cache-Control").orElseThrow());
    assertEquals("nosniff", first.header("X-Content-Type-Options").orElseThrow());
    if (expected != null) {
      assertArrayEquals(expected, first.body().getBytes(StandardCharsets.UTF_8));
    }
    String etag = first.header("ETag").orElseThrow();
    assertTrue(etag.startsWith("\"") && etag.endsWith("\""), "strong quoted ETag: " + etag);

    Response revalidated = browser.get(path, "If-None-Match", etag);
    assertEquals(304, revalidated.status());
    assertEquals("", revalidated.body());
    assertEquals(etag, revalidated.header("ETag").orElseThrow());

    assertEquals(304, browser.get(path, "If-None-Match", "\"other\", W/" + etag).status(), "weak match in a list");
    Response changed = browser.get(path, "If-None-Match", "\"stale\"");
    assertEquals(200, changed.status());
    assertEquals(first.body(), changed.body());
  }

  @Test
  void engineIsServedFromTheJsClientJarWithEtagRevalidation() throws Exception {
    assertCachedScript("engine.js", resource("io/duplex/js/engine.js"));
  }

  @Test
  void engineModuleIsServedToo() throws Exception {
    assertCachedScript("engine.mjs", resource("io/duplex/js/engine.mjs"));
  }

  private HttpResponse<byte[]> getBytes(String path, String... headerPairs) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + "/" + path));
    for (int i = 0; i < headerPairs.length; i += 2) {
      request.header(headerPairs[i], headerPairs[i + 1]);
    }
    return browser.httpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] gunzip(byte[] gzipped) throws Exception {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return in.readAllBytes();
    }
  }

  @Test
  void theEngineIsSentGzippedToClientsThatAcceptGzipAndRevalidatesThatWay() throws Exception {
    byte[] engine = resource("io/duplex/js/engine.js");
    String plainTag = browser.get("engine.js").header("ETag").orElseThrow();

    HttpResponse<byte[]> gzipped = getBytes("engine.js", "Accept-Encoding", "gzip, deflate, br");
    assertEquals(200, gzipped.statusCode());
    assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElseThrow());
    assertTrue(gzipped.headers().firstValue("Vary").orElseThrow().contains("Accept-Encoding"));
    assertArrayEquals(engine, gunzip(gzipped.body()));
    assertTrue(gzipped.body().length * 3 < engine.length, gzipped.body().length + " of " + engine.length);
    String gzipTag = gzipped.headers().firstValue("ETag").orElseThrow();
    assertTrue(gzipTag.startsWith("\"") && gzipTag.endsWith("\""), "strong quoted ETag: " + gzipTag);
    assertNotEquals(plainTag, gzipTag, "each representation has its own strong ETag");

    for (String ifNoneMatch : new String[] {gzipTag, "W/" + gzipTag}) {
      HttpResponse<byte[]> revalidated =
          getBytes("engine.js", "Accept-Encoding", "gzip", "If-None-Match", ifNoneMatch);
      assertEquals(304, revalidated.statusCode(), ifNoneMatch);
      assertEquals(0, revalidated.body().length);
      assertEquals(gzipTag, revalidated.headers().firstValue("ETag").orElseThrow());
    }
    assertEquals(200, getBytes("engine.js", "Accept-Encoding", "gzip", "If-None-Match", plainTag).statusCode(),
        "the plain copy's tag does not validate the gzipped one");

    for (String refused : new String[] {"identity", "gzip;q=0", "br", "*;q=0.5, gzip;q=0"}) {
      HttpResponse<byte[]> plain = getBytes("engine.js", "Accept-Encoding", refused);
      assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(), refused);
      assertArrayEquals(engine, plain.body(), refused);
      assertEquals(plainTag, plain.headers().firstValue("ETag").orElseThrow(), refused);
    }
    assertEquals("gzip", getBytes("engine.js", "Accept-Encoding", "*").headers()
        .firstValue("Content-Encoding").orElseThrow());
  }

  @Test
  void withContainerCompressionOnTheEngineIsGzippedOnceAndStillRevalidates() throws Exception {
    byte[] engine = resource("io/duplex/js/engine.js");
    HttpServlet page = new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().write("compress me ".repeat(200));
      }
    };
    try (TestServer compressing =
        TestServer.builder().duplex(duplex).containerCompression().servlet("/page.txt", page).start()) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<byte[]> plain = http.send(HttpRequest.newBuilder(URI.create(compressing.origin() + "/page.txt"))
          .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
      assertEquals("gzip", plain.headers().firstValue("Content-Encoding").orElse("none"),
          "the container compresses (so the engine's answer below is not vacuous)");

      URI engineUri = URI.create(compressing.base() + "/engine.js");
      HttpResponse<byte[]> gzipped = http.send(HttpRequest.newBuilder(engineUri).header("Accept-Encoding", "gzip").build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, gzipped.statusCode());
      assertEquals(List.of("gzip"), gzipped.headers().allValues("Content-Encoding"));
      assertArrayEquals(engine, gunzip(gzipped.body()), "gzipped once");
      String etag = gzipped.headers().firstValue("ETag").orElseThrow();
      for (String ifNoneMatch : new String[] {etag, "W/" + etag}) {
        HttpResponse<byte[]> revalidated = http.send(HttpRequest.newBuilder(engineUri)
            .header("Accept-Encoding", "gzip").header("If-None-Match", ifNoneMatch).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(304, revalidated.statusCode(), ifNoneMatch);
      }
    }
  }

  @Test
  void headOfTheEngineHasNoBody() throws Exception {
    byte[] engine = resource("io/duplex/js/engine.js");
    Response head = browser.send("HEAD", "engine.js", HttpRequest.BodyPublishers.noBody(), Map.of());
    assertEquals(200, head.status());
    assertEquals("", head.body());
    assertEquals(String.valueOf(engine.length), head.header("Content-Length").orElseThrow());
  }

  @Test
  void interfaceStubDefinesTheServiceWithTheServletBase() {
    Response stub = browser.get("interface/Echo.js");
    assertEquals(200, stub.status());
    assertTrue(stub.body().contains("duplex.service(\"Echo\""), stub.body());
    assertTrue(stub.body().contains("\"" + server.basePath() + "\""), stub.body());
    assertTrue(stub.body().matches("(?s).*\"echo\"\\s*:\\s*\\[\\s*\"text\"\\s*].*"), stub.body());
    assertTrue(!stub.body().contains("hidden"), "unexposed methods are not in the stub");
    assertCachedScript("interface/Echo.js", null);
  }

  @Test
  void unknownInterfacesAndPathsAreNotFound() {
    for (String path :
        new String[] {"interface/Nope.js", "interface/Echo", "interface/Echo.js/x", "interface/", "nope", "engine.css", ""}) {
      Response r = browser.get(path);
      assertEquals(404, r.status(), path);
      assertEquals("NOT_FOUND", r.errorCode(), path);
      assertEquals("nosniff", r.header("X-Content-Type-Options").orElseThrow(), path);
    }
  }

  @Test
  void unknownPathsAreNotFoundWhateverTheMethod() {
    Response r = browser.post("nope", "{}");
    assertEquals(404, r.status());
    assertEquals("NOT_FOUND", r.errorCode());
  }

  @Test
  void postEndpointsRefuseOtherMethods() {
    for (String path : new String[] {"session", "call", "reverse", "ack", "unload"}) {
      for (String method : new String[] {"GET", "PUT", "DELETE", "OPTIONS"}) {
        Response r = browser.send(method, path, HttpRequest.BodyPublishers.noBody(), Map.of());
        assertEquals(405, r.status(), method + " " + path);
        assertEquals("METHOD_NOT_ALLOWED", r.errorCode(), method + " " + path);
        assertEquals("POST", r.header("Allow").orElseThrow());
        assertEquals("nosniff", r.header("X-Content-Type-Options").orElseThrow());
      }
    }
  }

  @Test
  void getEndpointsRefusePost() {
    for (String path : new String[] {"engine.js", "engine.mjs", "interface/Echo.js"}) {
      Response r = browser.post(path, "{}");
      assertEquals(405, r.status(), path);
      assertEquals("METHOD_NOT_ALLOWED", r.errorCode());
      assertNotNull(r.header("Allow").orElse(null));
      assertTrue(r.header("Allow").orElseThrow().contains("GET"));
      assertNotEquals("", r.errorMessage());
    }
  }
}

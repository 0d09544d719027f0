package io.duplex.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The samples app as a production example, over real HTTP: loopback by default, security headers on
 * every response (Jetty's own 400 and 431 pages included), no server version, session cookie
 * HttpOnly and SameSite=Lax, and no session ids taken from URLs.
 */
class ProductionWiringTest {
  private static SamplesApp app;

  @BeforeAll
  static void start() throws Exception {
    app = SamplesApp.start(SamplesOptions.defaults().withPort(0), DemoSettings.defaults());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void listensOnLoopbackUnlessToldOtherwise() {
    assertEquals("127.0.0.1", SamplesOptions.parse().host());
    assertEquals("127.0.0.1", ((ServerConnector) app.server().getConnectors()[0]).getHost());
    assertEquals("0.0.0.0", SamplesOptions.parse("--host=0.0.0.0").host());
  }

  @Test
  void pagesAndErrorPagesCarryTheSecurityHeadersAndNoVersion() {
    for (String path : new String[] {"/", "/chat.html", "/missing.html", "/duplex/engine.js", "/duplex/nothing"}) {
      Answer a = exchange("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
      assertSecure(a, path);
    }
  }

  @Test
  void jettysOwnRefusalsCarryTheSecurityHeadersAndNoVersion() {
    Answer tooLarge = exchange("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(64 * 1024)
        + "\r\nConnection: close\r\n\r\n");
    assertEquals(431, tooLarge.status(), tooLarge.head());
    assertSecure(tooLarge, "431");
    Answer bad = exchange("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\nConnection: close\r\n\r\n");
    assertEquals(400, bad.status(), bad.head());
    assertSecure(bad, "400");
    Answer noHost = exchange("GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
    assertEquals(400, noHost.status(), noHost.head());
    assertSecure(noHost, "400 without Host");
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteLaxAndExpiresAfterThirtyMinutes() throws Exception {
    HttpResponse<String> r = handshake(HttpClient.newHttpClient());
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    String lower = cookie.toLowerCase(Locale.ROOT);
    assertTrue(lower.startsWith("jsessionid="), cookie);
    assertTrue(lower.contains("httponly"), cookie);
    assertTrue(lower.contains("samesite=lax"), cookie);
    assertFalse(lower.contains("secure"), "plain HTTP: " + cookie);
    ServletContextHandler context = (ServletContextHandler) app.server().getHandler();
    assertEquals(30 * 60, context.getSessionHandler().getMaxInactiveInterval());
  }

  @Test
  void aSessionIdInTheUrlIsIgnored() throws Exception {
    CookieManager jar = new CookieManager();
    HttpClient owner = HttpClient.newBuilder().cookieHandler(jar).build();
    HttpResponse<String> r = handshake(owner);
    String body = r.body();
    String session = field(body, "session");
    String csrf = field(body, "csrf");
    List<HttpCookie> cookies = jar.getCookieStore().getCookies();
    String id = cookies.get(0).getValue();
    String call = "{\"v\":1,\"session\":\"" + session + "\",\"csrf\":\"" + csrf
        + "\",\"calls\":[{\"id\":1,\"service\":\"Samples\",\"method\":\"ping\",\"args\":[]}]}";
    HttpResponse<String> withCookie = post(owner, "/duplex/call", call);
    assertEquals(200, withCookie.statusCode(), withCookie.body());
    // Someone else holding the id (a leaked link) but not the cookie is not that session.
    HttpResponse<String> viaUrl = post(HttpClient.newHttpClient(), "/duplex/call;jsessionid=" + id, call);
    assertEquals(403, viaUrl.statusCode(), viaUrl.body());
    assertTrue(viaUrl.body().contains("SESSION_MISMATCH"), viaUrl.body());
  }

  private static void assertSecure(Answer a, String what) {
    Map<String, String> expected = SecurityHeaders.ALL;
    expected.forEach((name, value) -> assertEquals(value, a.header(name), what + ": " + name + " in\n" + a.head()));
    assertEquals(null, a.header("Server"), what + ": Server header in\n" + a.head());
    assertEquals(null, a.header("X-Powered-By"), what);
    assertFalse(a.body().contains("Jetty") || a.body().contains("12.1"), what + ": version in body " + a.body());
  }

  private static HttpResponse<String> handshake(HttpClient client) throws Exception {
    return post(client, "/duplex/session", "{\"v\":1,\"page\":\"/chat.html\"}");
  }

  private static HttpResponse<String> post(HttpClient client, String path, String json) throws Exception {
    String origin = "http://127.0.0.1:" + app.port();
    HttpRequest request = HttpRequest.newBuilder(URI.create(origin + path))
        .timeout(Duration.ofSeconds(10))
        .header("Origin", origin)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String field(String json, String name) {
    int start = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
    return json.substring(start, json.indexOf('"', start));
  }

  private record Answer(int status, String head, String body) {
    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  private static Answer exchange(String request) {
    try (Socket socket = new Socket("127.0.0.1", app.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      try {
        socket.getInputStream().transferTo(all);
      } catch (IOException resetAfterAnswer) {
        // Jetty may reset after answering a request it refused; the answer was read.
      }
      String text = all.toString(StandardCharsets.UTF_8);
      assertNotNull(text);
      int split = text.indexOf("\r\n\r\n");
      String head = split < 0 ? text : text.substring(0, split);
      assertTrue(head.startsWith("HTTP/1.1 "), "no answer: " + text);
      return new Answer(Integer.parseInt(head.substring(9, 12)), head, split < 0 ? "" : text.substring(split + 4));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

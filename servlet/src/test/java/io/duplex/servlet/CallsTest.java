package io.duplex.servlet;

import static io.duplex.servlet.DuplexTestClient.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.servlet.DuplexTestClient.Response;
import java.net.HttpCookie;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /call} over HTTP: results, call-level errors, injection, roles, HTTP sessions. */
class CallsTest {
  @RegisterExtension
  static final RunningServer app =
      new RunningServer(
          () -> Duplex.builder()
              .expose(TestServices.Echo.class)
              .expose(TestServices.Counter.class)
              .expose(TestServices.Basket.class)
              .build(),
          duplex -> TestServer.builder().duplex(duplex).filter(new TestUserFilter()).start());

  private static JsonObject error(JsonObject result) {
    assertTrue(result.has("error"), "expected an error: " + result);
    assertFalse(result.has("value"));
    return result.getAsJsonObject("error");
  }

  @Test
  void resultsComeOneper_callInRequestOrder() {
    DuplexTestClient page = app.server().client().handshake("/calls.html");
    Response r = page.batch(
        call(7, "Echo", "echo", "hi"),
        call(3, "Echo", "nothing"),
        call(5, "Echo", "nullValue"),
        call(-2, "Echo", "add", 2, 40),
        call(9, "Echo", "list", List.of(1, 2, 3)));
    assertEquals(200, r.status());
    assertTrue(r.header("Content-Type").orElseThrow().startsWith("application/json"));
    assertEquals("no-store", r.header("Cache-Control").orElseThrow());
    JsonArray results = r.results();
    assertEquals(5, results.size());
    assertEquals(7, results.get(0).getAsJsonObject().get("id").getAsLong());
    assertEquals("hi", results.get(0).getAsJsonObject().get("value").getAsString());
    assertEquals(3, results.get(1).getAsJsonObject().get("id").getAsLong());
    assertFalse(results.get(1).getAsJsonObject().has("value"), "void: no value member");
    assertTrue(results.get(2).getAsJsonObject().get("value").isJsonNull(), "null return: value null");
    assertEquals(-2, results.get(3).getAsJsonObject().get("id").getAsLong());
    assertEquals(42, results.get(3).getAsJsonObject().get("value").getAsInt());
    assertEquals("[1,2,3]", results.get(4).getAsJsonObject().get("value").toString());
    assertFalse(r.json().has("reverse"), "nothing queued, no reverse member");
  }

  @Test
  void callsOfABatchRunInOrder() {
    DuplexTestClient page = app.server().client().handshake("/calls.html");
    Response r = page.batch(call(1, "Counter", "increment"), call(2, "Counter", "increment"), call(3, "Counter", "increment"));
    JsonArray results = r.results();
    int first = results.get(0).getAsJsonObject().get("value").getAsInt();
    assertEquals(first + 1, results.get(1).getAsJsonObject().get("value").getAsInt());
    assertEquals(first + 2, results.get(2).getAsJsonObject().get("value").getAsInt());
  }

  @Test
  void anEmptyBatchIsFine() {
    DuplexTestClient page = app.server().client().handshake("/calls.html");
    Response r = page.batch();
    assertEquals(200, r.status());
    assertEquals(0, r.results().size());
  }

  @Test
  void callLevelErrorsLeaveTheRestOfTheBatchAlone() {
    DuplexTestClient page = app.server().client().handshake("/calls.html");
    Response r = page.batch(
        call(1, "Nope", "echo", "x"),
        call(2, "Echo", "hidden"),
        call(3, "Echo", "toString"),
        call(4, "Echo", "echo"),
        call(5, "Echo", "add", "two", 3),
        call(6, "Echo", "add", null, 3),
        call(7, "Echo", "refuse"),
        call(8, "Echo", "visible"),
        call(9, "Echo", "fail"),
        call(10, "Echo", "echo", "still runs"));
    assertEquals(200, r.status());
    JsonArray results = r.results();
    assertEquals("UNKNOWN_SERVICE", error(results.get(0).getAsJsonObject()).get("code").getAsString());
    assertEquals("UNKNOWN_METHOD", error(results.get(1).getAsJsonObject()).get("code").getAsString());
    assertEquals("UNKNOWN_METHOD", error(results.get(2).getAsJsonObject()).get("code").getAsString());
    assertEquals("UNKNOWN_METHOD", error(results.get(3).getAsJsonObject()).get("code").getAsString(), "wrong arg count");
    assertEquals("BAD_ARGUMENTS", error(results.get(4).getAsJsonObject()).get("code").getAsString());
    assertEquals("BAD_ARGUMENTS", error(results.get(5).getAsJsonObject()).get("code").getAsString(), "null into int");
    JsonObject custom = error(results.get(6).getAsJsonObject());
    assertEquals("REFUSED", custom.get("code").getAsString());
    assertEquals("not today", custom.get("message").getAsString());
    assertEquals("Refused", custom.get("type").getAsString());
    JsonObject visible = error(results.get(7).getAsJsonObject());
    assertEquals("APPLICATION_ERROR", visible.get("code").getAsString());
    assertEquals("Visible", visible.get("type").getAsString());
    JsonObject server = error(results.get(8).getAsJsonObject());
    assertEquals("SERVER_ERROR", server.get("code").getAsString());
    assertNotNull(server.get("incident"));
    assertFalse(server.has("detail"), "no detail without debug");
    assertFalse(server.has("type"));
    assertEquals("still runs", results.get(9).getAsJsonObject().get("value").getAsString());
  }

  @Test
  void noInternalsReachTheBrowserWithoutDebug() {
    DuplexTestClient page = app.server().client().handshake("/calls.html");
    for (String method : new String[] {"fail", "loop"}) {
      Response r = page.batch(call(1, "Echo", method));
      assertEquals(200, r.status());
      JsonObject error = error(r.results().get(0).getAsJsonObject());
      assertEquals("SERVER_ERROR", error.get("code").getAsString(), method);
      for (String secret : new String[] {"Vault", "secret", "Exception", "Error", "at io.", "at java.", "TestServices", "gson"}) {
        assertFalse(r.body().contains(secret), method + " leaked '" + secret + "': " + r.body());
      }
    }
  }

  @Test
  void rolesAreCheckedAgainstTheRequestsUser() {
    DuplexTestClient page = app.server().client().handshake("/calls.html");
    assertEquals("UNAUTHENTICATED", error(page.call("Echo", "adminOnly")).get("code").getAsString());
    Response forbidden = page.post("call", DuplexTestClient.json("v", 1, "session", page.session(), "csrf", page.csrf(),
        "calls", List.of(DuplexTestClient.map("id", 1, "service", "Echo", "method", "adminOnly", "args", List.of()))),
        Map.of(TestUserFilter.USER, "bob", TestUserFilter.ROLES, "editor"));
    assertEquals("FORBIDDEN", error(forbidden.results().get(0).getAsJsonObject()).get("code").getAsString());
    Response allowed = page.post("call", DuplexTestClient.json("v", 1, "session", page.session(), "csrf", page.csrf(),
        "calls", List.of(
            DuplexTestClient.map("id", 1, "service", "Echo", "method", "adminOnly", "args", List.of()),
            DuplexTestClient.map("id", 2, "service", "Echo", "method", "user", "args", List.of()))),
        Map.of(TestUserFilter.USER, "ann", TestUserFilter.ROLES, "editor,admin"));
    assertEquals("admin ok", allowed.results().get(0).getAsJsonObject().get("value").getAsString());
    assertEquals("ann", allowed.results().get(1).getAsJsonObject().get("value").getAsString());
  }

  @Test
  void handshakeRecordsTheRemoteUser() {
    DuplexTestClient page = app.server().client();
    Response r = page.post("session", DuplexTestClient.json("v", 1, "page", "/u.html"), Map.of(TestUserFilter.USER, "carol"));
    assertEquals(200, r.status());
    String id = r.json().get("session").getAsString();
    assertEquals("carol", app.duplex().browser().session(id).sessions().iterator().next().user());
    assertEquals(1, app.duplex().browser().user("carol").count());
  }

  @Test
  void containerObjectsAreInjected() {
    DuplexTestClient page = app.server().client().handshake("/inject.html?x=1");
    Response r = page.post("call", DuplexTestClient.json("v", 1, "session", page.session(), "csrf", page.csrf(),
        "calls", List.of(
            DuplexTestClient.map("id", 1, "service", "Echo", "method", "header", "args", List.of("X-Probe")),
            DuplexTestClient.map("id", 2, "service", "Echo", "method", "httpSessionId", "args", List.of()),
            DuplexTestClient.map("id", 3, "service", "Echo", "method", "page", "args", List.of()))),
        Map.of("X-Probe", "probe-value"));
    JsonArray results = r.results();
    assertEquals("probe-value", results.get(0).getAsJsonObject().get("value").getAsString());
    String sessionId = results.get(1).getAsJsonObject().get("value").getAsString();
    String cookie = jsessionid(page);
    assertTrue(cookie.startsWith(sessionId), cookie + " vs " + sessionId);
    assertEquals("/inject.html", results.get(2).getAsJsonObject().get("value").getAsString());
  }

  private static String jsessionid(DuplexTestClient page) {
    return page.cookies().getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equalsIgnoreCase("JSESSIONID"))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theHandshakeCreatesTheHttpSession() {
    DuplexTestClient page = app.server().client().handshake("/calls.html");
    assertNotNull(jsessionid(page));
    String sessionId = page.value("Echo", "httpSessionId").getAsString();
    String id = page.session();
    assertEquals(sessionId, app.duplex().browser().session(id).sessions().iterator().next().httpSessionId());
  }

  @Test
  void scriptSessionsSurviveAChangedHttpSessionId() {
    DuplexTestClient page = app.server().client().handshake("/calls.html");
    String before = jsessionid(page);
    page.value("Echo", "changeSessionId");
    assertNotEquals(before, jsessionid(page));
    assertEquals("after", page.value("Echo", "echo", "after").getAsString());
  }

  @Test
  void invalidatingTheHttpSessionEndsItsPages() {
    DuplexTestClient browser = app.server().client().handshake("/one.html");
    String first = browser.session();
    String token = browser.csrf();
    browser.handshake("/two.html");
    browser.value("Echo", "invalidateHttpSession");
    assertEquals("SESSION_UNKNOWN", browser.batch(call(1, "Echo", "echo", "x")).errorCode());
    browser.useSession(first, token);
    assertEquals("SESSION_UNKNOWN", browser.batch(call(1, "Echo", "echo", "x")).errorCode());
    assertEquals(0, app.duplex().browser().session(first).count());
  }

  @Test
  void httpSessionScopedServicesAreCreatedOncePerHttpSession() throws Exception {
    DuplexTestClient ann = app.server().client().handshake("/basket.html");
    DuplexTestClient bob = app.server().client().handshake("/basket.html");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<Integer>> first = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        first.add(CompletableFuture.supplyAsync(() -> ann.value("Basket", "instance").getAsInt(), pool));
      }
      int annInstance = first.get(0).get();
      for (CompletableFuture<Integer> f : first) {
        assertEquals(annInstance, f.get(), "concurrent first calls share one instance");
      }
      assertEquals(annInstance, ann.handshake("/other.html").value("Basket", "instance").getAsInt());
      assertNotEquals(annInstance, bob.value("Basket", "instance").getAsInt());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void queuedReverseCallsRideOnCallResponses() {
    DuplexTestClient page = app.server().client().handshake("/piggy.html");
    app.duplex().browser().session(page.session()).call("app.first", 1, "a");
    app.duplex().browser().session(page.session()).call("app.second", List.of(2));
    Response r = page.batch(call(1, "Echo", "echo", "x"));
    JsonArray calls = r.json().getAsJsonObject("reverse").getAsJsonArray("calls");
    assertEquals(2, calls.size());
    assertEquals(1, calls.get(0).getAsJsonObject().get("seq").getAsLong());
    assertEquals("app.first", calls.get(0).getAsJsonObject().get("fn").getAsString());
    assertEquals("[1,\"a\"]", calls.get(0).getAsJsonObject().get("args").toString());
    assertEquals(2, calls.get(1).getAsJsonObject().get("seq").getAsLong());

    Response again = page.batch(call(1, "Echo", "echo", "y"));
    assertEquals(2, again.json().getAsJsonObject("reverse").getAsJsonArray("calls").size(), "unacknowledged: sent again");

    page.ack(1);
    Response partly = page.batch(call(1, "Echo", "echo", "z"));
    JsonArray rest = partly.json().getAsJsonObject("reverse").getAsJsonArray("calls");
    assertEquals(1, rest.size());
    assertEquals(2, rest.get(0).getAsJsonObject().get("seq").getAsLong());

    page.ack(2);
    assertFalse(page.batch(call(1, "Echo", "echo", "z")).json().has("reverse"));
  }
}

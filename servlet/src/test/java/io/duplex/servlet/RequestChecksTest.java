package io.duplex.servlet;

import static io.duplex.servlet.DuplexTestClient.call;
import static io.duplex.servlet.DuplexTestClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.servlet.DuplexTestClient.Response;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every request-level refusal of protocol sections 1 and 6, over HTTP, and the order of checks. */
class RequestChecksTest {
  private static final int MAX_BODY = 2000;
  private static final int MAX_CALLS = 3;
  private static final int MAX_DEPTH = 8;
  private static final int MAX_STRING = 100;

  @RegisterExtension
  static final RunningServer app =
      new RunningServer(() -> Duplex.builder()
          .expose(TestServices.Echo.class)
          .expose(TestServices.Counter.class)
          .allowedOrigins("http://dev.example:3000", "https://App.Example/")
          .maxBodyBytes(MAX_BODY)
          .maxCallsPerBatch(MAX_CALLS)
          .maxJsonDepth(MAX_DEPTH)
          .maxStringLength(MAX_STRING)
          .build());

  private static void assertRefused(int status, String code, Response response) {
    assertEquals(status, response.status(), response.body());
    assertEquals(code, response.errorCode(), response.body());
    assertEquals(1, response.json().get("v").getAsInt());
    assertTrue(response.header("Content-Type").orElseThrow().startsWith("application/json"));
    assertFalse(response.errorMessage().isBlank());
  }

  private static String echoBatch(DuplexTestClient page, String text) {
    return json("v", 1, "session", page.session(), "csrf", page.csrf(), "calls",
        List.of(Map.of("id", 1, "service", "Echo", "method", "echo", "args", List.of(text))));
  }

  // --- Origin -------------------------------------------------------------------------------

  @Test
  void missingOriginAndRefererIsRejected() {
    DuplexTestClient page = app.server().client().handshake("/p");
    assertRefused(403, "ORIGIN_REJECTED", page.origin(null).post("call", echoBatch(page, "x")));
    assertRefused(403, "ORIGIN_REJECTED", page.post("session", json("v", 1, "page", "/p")));
  }

  @Test
  void foreignOriginIsRejectedEvenForTheHandshake() {
    DuplexTestClient page = app.server().client().handshake("/p");
    for (String origin : new String[] {"http://evil.example", "http://127.0.0.1:1", "null", "https://127.0.0.1:" + app.server().port(), "not a url"}) {
      assertRefused(403, "ORIGIN_REJECTED", page.origin(origin).post("call", echoBatch(page, "x")));
      assertRefused(403, "ORIGIN_REJECTED", page.origin(origin).post("session", json("v", 1, "page", "/p")));
    }
  }

  @Test
  void refererStandsInForAMissingOrigin() {
    DuplexTestClient page = app.server().client().handshake("/p").origin(null);
    Response same = page.post("call", echoBatch(page, "via referer"), Map.of("Referer", app.server().origin() + "/app/page.html?q=1"));
    assertEquals(200, same.status(), same.body());
    assertEquals("via referer", same.results().get(0).getAsJsonObject().get("value").getAsString());
    assertRefused(403, "ORIGIN_REJECTED",
        page.post("call", echoBatch(page, "x"), Map.of("Referer", "http://evil.example/page.html")));
  }

  @Test
  void originWinsOverReferer() {
    DuplexTestClient page = app.server().client().handshake("/p").origin("http://evil.example");
    assertRefused(403, "ORIGIN_REJECTED",
        page.post("call", echoBatch(page, "x"), Map.of("Referer", app.server().origin() + "/page.html")));
  }

  @Test
  void allowedOriginsAreAcceptedAfterNormalisation() {
    for (String origin : new String[] {"http://dev.example:3000", "https://app.example", "https://APP.example:443"}) {
      DuplexTestClient page = app.server().client().origin(origin).handshake("/p");
      assertEquals("ok", page.value("Echo", "echo", "ok").getAsString(), origin);
    }
    assertRefused(403, "ORIGIN_REJECTED",
        app.server().client().origin("http://dev.example:3001").post("session", json("v", 1, "page", "/p")));
    assertRefused(403, "ORIGIN_REJECTED",
        app.server().client().origin("http://app.example").post("session", json("v", 1, "page", "/p")));
  }

  // --- Content-Type and size ------------------------------------------------------------------

  @Test
  void onlyJsonContentTypeIsAccepted() {
    DuplexTestClient page = app.server().client().handshake("/p");
    for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp"}) {
      assertRefused(415, "UNSUPPORTED_MEDIA_TYPE", page.post("call", echoBatch(page, "x"), Map.of("Content-Type", type)));
    }
    Response none = page.send("POST", "call", HttpRequest.BodyPublishers.ofString(echoBatch(page, "x")), Map.of("Origin", app.server().origin()));
    assertRefused(415, "UNSUPPORTED_MEDIA_TYPE", none);
    for (String type : new String[] {"application/json; charset=utf-8", "Application/JSON", "application/json;charset=UTF-8"}) {
      assertEquals(200, page.post("call", echoBatch(page, "x"), Map.of("Content-Type", type)).status(), type);
    }
  }

  @Test
  void bodiesOverTheLimitAreRefusedByLengthAndWhenChunked() {
    DuplexTestClient page = app.server().client().handshake("/p");
    int before = TestServices.Counter.COUNT.get();
    String big = json("v", 1, "session", page.session(), "csrf", page.csrf(), "calls",
        List.of(Map.of("id", 1, "service", "Counter", "method", "increment", "args", List.of())), "pad", "x".repeat(MAX_BODY));
    assertRefused(413, "PAYLOAD_TOO_LARGE", page.post("call", big));
    byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
    Response chunked = page.send("POST", "call",
        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)),
        Map.of("Origin", app.server().origin(), "Content-Type", "application/json"));
    assertRefused(413, "PAYLOAD_TOO_LARGE", chunked);
    assertEquals(before, TestServices.Counter.COUNT.get(), "nothing ran");

    String fits = echoBatch(page, "y".repeat(50));
    byte[] fitting = fits.getBytes(StandardCharsets.UTF_8);
    Response chunkedOk = page.send("POST", "call",
        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(fitting)),
        Map.of("Origin", app.server().origin(), "Content-Type", "application/json"));
    assertEquals(200, chunkedOk.status(), chunkedOk.body());
  }

  // --- JSON -----------------------------------------------------------------------------------

  @Test
  void nestingDeeperThanTheLimitIsJsonTooDeep() {
    DuplexTestClient page = app.server().client().handshake("/p");
    // object > calls > call > args is depth 4; four more arrays reach the limit of 8.
    String ok = "{\"v\":1,\"session\":\"" + page.session() + "\",\"csrf\":\"" + page.csrf()
        + "\",\"calls\":[{\"id\":1,\"service\":\"Echo\",\"method\":\"echo\",\"args\":[[[[[1]]]]]}]}";
    assertEquals(200, page.post("call", ok).status());
    String deep = ok.replace("[[[[[1]]]]]", "[[[[[[1]]]]]]");
    assertRefused(400, "JSON_TOO_DEEP", page.post("call", deep));
    assertRefused(400, "JSON_TOO_DEEP", page.post("call", ok.replace("[[[[[1]]]]]", "[" + "[".repeat(500) + "]".repeat(500) + "]")));
  }

  @Test
  void stringsLongerThanTheLimitAreStringTooLong() {
    DuplexTestClient page = app.server().client().handshake("/p");
    assertEquals("z".repeat(MAX_STRING), page.value("Echo", "echo", "z".repeat(MAX_STRING)).getAsString());
    assertRefused(400, "STRING_TOO_LONG", page.post("call", echoBatch(page, "z".repeat(MAX_STRING + 1))));
    assertRefused(400, "STRING_TOO_LONG", page.post("session", json("v", 1, "page", "/" + "p".repeat(MAX_STRING))));
    assertRefused(400, "STRING_TOO_LONG", page.post("call", "{\"" + "k".repeat(MAX_STRING + 1) + "\":1}"));
  }

  @Test
  void malformedBodiesNameWhatIsWrong() {
    DuplexTestClient page = app.server().client().handshake("/p");
    String s = page.session();
    String c = page.csrf();
    Object[][] cases = {
      {"session", "", "empty"},
      {"session", "not json", "not valid JSON"},
      {"session", "[1,2]", "not a JSON object"},
      {"session", "{\"v\":1,\"page\":\"/p\"} {}", "after"},
      {"session", "{\"v\":1}", "'page'"},
      {"session", "{\"v\":1,\"page\":7}", "'page'"},
      {"session", "{\"page\":\"/p\"}", "'v'"},
      {"call", "{\"v\":1,\"csrf\":\"" + c + "\",\"calls\":[]}", "'session'"},
      {"call", "{\"v\":1,\"session\":\"" + s + "\",\"csrf\":\"" + c + "\"}", "'calls'"},
      {"call", "{\"v\":1,\"session\":\"" + s + "\",\"csrf\":\"" + c + "\",\"calls\":[{\"id\":1,\"service\":\"Echo\",\"method\":\"echo\"}]}", "'calls[0].args'"},
      {"call", "{\"v\":1,\"session\":\"" + s + "\",\"csrf\":\"" + c + "\",\"ack\":\"3\",\"calls\":[]}", "'ack'"},
      {"reverse", "{\"v\":1,\"session\":\"" + s + "\",\"csrf\":\"" + c + "\",\"ack\":-1}", "'ack'"},
      {"ack", "{\"v\":1,\"session\":\"" + s + "\",\"csrf\":\"" + c + "\"}", "'ack'"},
      {"unload", "{\"v\":1,\"session\":42,\"csrf\":\"" + c + "\"}", "'session'"},
    };
    for (Object[] k : cases) {
      Response r = page.post((String) k[0], (String) k[1]);
      assertRefused(400, "MALFORMED_REQUEST", r);
      assertTrue(r.errorMessage().contains((String) k[2]), k[1] + " -> " + r.errorMessage());
      assertFalse(r.body().toLowerCase().contains("gson") || r.body().contains("Exception"), r.body());
    }
  }

  @Test
  void otherProtocolVersionsAreUnsupported() {
    DuplexTestClient page = app.server().client().handshake("/p");
    assertRefused(400, "UNSUPPORTED_VERSION", page.post("session", json("v", 2, "page", "/p")));
    assertRefused(400, "UNSUPPORTED_VERSION", page.post("call", json("v", 0, "session", page.session(), "csrf", page.csrf(), "calls", List.of())));
  }

  // --- Sessions and CSRF -------------------------------------------------------------------

  @Test
  void forgedOrEndedScriptSessionsAreUnknown() {
    DuplexTestClient page = app.server().client().handshake("/p");
    String realSession = page.session();
    page.useSession("AAAAAAAAAAAAAAAAAAAAAA", page.csrf());
    assertRefused(410, "SESSION_UNKNOWN", page.batch(call(1, "Echo", "echo", "x")));
    assertRefused(410, "SESSION_UNKNOWN", page.reverse());
    assertRefused(410, "SESSION_UNKNOWN", page.sendAck(1));
    assertRefused(410, "SESSION_UNKNOWN", page.unload());

    page.useSession(realSession, page.csrf());
    assertEquals(204, page.unload().status());
    assertRefused(410, "SESSION_UNKNOWN", page.batch(call(1, "Echo", "echo", "x")));
    assertRefused(410, "SESSION_UNKNOWN", page.unload());
  }

  @Test
  void aScriptSessionOfAnotherBrowserIsAMismatchAndChangesNothing() {
    DuplexTestClient ann = app.server().client().handshake("/p");
    DuplexTestClient eve = app.server().client().handshake("/p");
    app.duplex().browser().session(ann.session()).call("app.note", "for ann");
    int before = TestServices.Counter.COUNT.get();

    for (String csrf : new String[] {ann.csrf(), eve.csrf()}) {
      eve.useSession(ann.session(), csrf).ack(1);
      assertRefused(403, "SESSION_MISMATCH", eve.batch(call(1, "Counter", "increment")));
      assertRefused(403, "SESSION_MISMATCH", eve.sendAck(1));
      assertRefused(403, "SESSION_MISMATCH", eve.reverse());
      assertRefused(403, "SESSION_MISMATCH", eve.unload());
    }
    DuplexTestClient noCookies = app.server().client().useSession(ann.session(), ann.csrf());
    assertRefused(403, "SESSION_MISMATCH", noCookies.batch(call(1, "Counter", "increment")));
    assertRefused(403, "SESSION_MISMATCH", noCookies.unload());

    assertEquals(before, TestServices.Counter.COUNT.get(), "no call ran");
    JsonObject reverse = ann.batch().json().getAsJsonObject("reverse");
    assertEquals("app.note", reverse.getAsJsonArray("calls").get(0).getAsJsonObject().get("fn").getAsString(),
        "nothing was acknowledged or ended for ann: " + reverse);
  }

  @Test
  void csrfTokenMustBeThisHttpSessionsToken() {
    DuplexTestClient ann = app.server().client().handshake("/p");
    DuplexTestClient eve = app.server().client().handshake("/p");
    int before = TestServices.Counter.COUNT.get();
    String annToken = ann.csrf();
    for (String csrf : new String[] {null, "", "wrong", eve.csrf(), annToken + "x", annToken.substring(1)}) {
      ann.useSession(ann.session(), csrf);
      assertRefused(403, "CSRF_REJECTED", ann.batch(call(1, "Counter", "increment")));
      assertRefused(403, "CSRF_REJECTED", ann.reverse());
      assertRefused(403, "CSRF_REJECTED", ann.sendAck(0));
      assertRefused(403, "CSRF_REJECTED", ann.unload());
    }
    assertEquals(before, TestServices.Counter.COUNT.get());
    ann.useSession(ann.session(), annToken);
    assertEquals("still here", ann.value("Echo", "echo", "still here").getAsString());
  }

  @Test
  void pagesOfOneHttpSessionShareItsToken() {
    DuplexTestClient browser = app.server().client().handshake("/one");
    String firstSession = browser.session();
    String firstToken = browser.csrf();
    browser.handshake("/two");
    assertEquals(firstToken, browser.csrf());
    assertTrue(!firstSession.equals(browser.session()));
    browser.useSession(firstSession, firstToken);
    assertEquals("one", browser.value("Echo", "echo", "one").getAsString());
  }

  // --- Batch size and check order ----------------------------------------------------------

  @Test
  void tooManyCallsIsRefusedAndNothingRuns() {
    DuplexTestClient page = app.server().client().handshake("/p");
    app.duplex().browser().session(page.session()).call("app.note", 1);
    int before = TestServices.Counter.COUNT.get();
    page.ack(1);
    Response r = page.batch(call(1, "Counter", "increment"), call(2, "Counter", "increment"),
        call(3, "Counter", "increment"), call(4, "Counter", "increment"));
    assertRefused(413, "TOO_MANY_CALLS", r);
    assertEquals(before, TestServices.Counter.COUNT.get());
    page.ack(0);
    assertEquals(1, page.batch().json().getAsJsonObject("reverse").getAsJsonArray("calls").size(),
        "the refused batch's ack was not applied");
    Response ok = page.batch(call(1, "Counter", "increment"), call(2, "Counter", "increment"), call(3, "Counter", "increment"));
    assertEquals(200, ok.status());
    assertEquals(before + 3, TestServices.Counter.COUNT.get());
  }

  @Test
  void aBodyRefusedBeforeItIsReadStillGetsItsAnswerNotAReset() {
    DuplexTestClient page = app.server().client().handshake("/p");
    // Near 4 x maxBodyBytes: the server discards it unread, then answers.
    String big = "{\"v\":1,\"x\":\"" + "x".repeat(3 * MAX_BODY) + "\"}";
    for (int i = 0; i < 20; i++) {
      assertEquals("ORIGIN_REJECTED", page.origin("http://evil.example").post("call", big).errorCode(), "try " + i);
      page.origin(app.server().origin());
      assertEquals("UNSUPPORTED_MEDIA_TYPE", page.post("call", big, Map.of("Content-Type", "text/plain")).errorCode(), "try " + i);
    }
    assertEquals(200, page.batch(call(1, "Echo", "echo", "still here")).status());
  }

  @Test
  void checksRunInTheProtocolsOrder() {
    DuplexTestClient ann = app.server().client().handshake("/p");
    DuplexTestClient eve = app.server().client().handshake("/p");
    String tooMany = json("v", 1, "session", ann.session(), "csrf", "wrong", "calls", List.of(
        Map.of("id", 1, "service", "Echo", "method", "nothing", "args", List.of()),
        Map.of("id", 2, "service", "Echo", "method", "nothing", "args", List.of()),
        Map.of("id", 3, "service", "Echo", "method", "nothing", "args", List.of()),
        Map.of("id", 4, "service", "Echo", "method", "nothing", "args", List.of())));
    Map<String, String> plain = Map.of("Content-Type", "text/plain");
    String huge = "{\"v\":2,\"x\":\"" + "x".repeat(MAX_BODY) + "\"}";

    Response r = ann.origin(null).send("GET", "call", HttpRequest.BodyPublishers.noBody(), Map.of());
    assertEquals("METHOD_NOT_ALLOWED", r.errorCode(), "1 before 2");
    assertEquals("ORIGIN_REJECTED", ann.origin("http://evil.example").post("call", huge, plain).errorCode(), "2 before 3");
    ann.origin(app.server().origin());
    assertEquals("UNSUPPORTED_MEDIA_TYPE", ann.post("call", huge, plain).errorCode(), "3 before 4");
    assertEquals("PAYLOAD_TOO_LARGE", ann.post("call", huge).errorCode(), "4 before 5");
    assertEquals("UNSUPPORTED_VERSION", ann.post("call", json("v", 2, "session", "unknown")).errorCode(), "5 before 6");
    assertEquals("SESSION_UNKNOWN", ann.post("call", tooMany.replace(ann.session(), "unknown")).errorCode(), "6 before 7");
    assertEquals("SESSION_MISMATCH", eve.post("call", tooMany).errorCode(), "6 before 7");
    assertEquals("CSRF_REJECTED", ann.post("call", tooMany).errorCode(), "7 before 8");
    assertEquals("TOO_MANY_CALLS", ann.post("call", tooMany.replace("\"wrong\"", "\"" + ann.csrf() + "\"")).errorCode());
  }
}

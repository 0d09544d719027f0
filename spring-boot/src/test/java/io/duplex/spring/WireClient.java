package io.duplex.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One browser tab speaking Duplex's wire protocol (docs/protocol.md) over real HTTP: its own cookie
 * jar, the server's origin, the handshake's session and CSRF token sent with every POST. Optionally
 * HTTP Basic credentials, and a form login through Spring Security's login page.
 */
final class WireClient {
  private static final Gson GSON = new Gson();
  private static final Pattern LOGIN_CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  private final String origin;
  private final String duplex;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http;
  private String basic;
  private String session;
  private String csrf;
  private JsonObject handshake;

  /** @param origin e.g. http://127.0.0.1:1234 */
  WireClient(String origin, String duplexPath) {
    this.origin = origin;
    this.duplex = origin + duplexPath;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(10)).build();
  }

  record Response(int status, String body) {
    JsonObject json() {
      return JsonParser.parseString(body).getAsJsonObject();
    }
  }

  /** Sends HTTP Basic credentials from now on. */
  WireClient basic(String user, String password) {
    basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Opens a script session for {@code page}; fails the test unless it succeeds. */
  WireClient handshake(String page) {
    Response r = post("session", Map.of("v", 1, "page", page));
    assertEquals(200, r.status(), r.body());
    handshake = r.json();
    session = handshake.get("session").getAsString();
    csrf = handshake.get("csrf").getAsString();
    return this;
  }

  JsonObject handshakeResponse() {
    return handshake;
  }

  /** Runs one call and returns its result object: {@code {"id":1,"value":...}} or with {@code error}. */
  JsonObject call(String service, String method, Object... args) {
    Response r = batch(service, method, args);
    assertEquals(200, r.status(), r.body());
    return r.json().getAsJsonArray("results").get(0).getAsJsonObject();
  }

  /** Runs one call and returns its value, failing the test if the call failed. */
  JsonElement value(String service, String method, Object... args) {
    JsonObject result = call(service, method, args);
    if (result.has("error")) {
      throw new AssertionError("call failed: " + result);
    }
    return result.get("value");
  }

  /** Posts a one-call batch and returns the raw response. */
  Response batch(String service, String method, Object... args) {
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("id", 1);
    call.put("service", service);
    call.put("method", method);
    call.put("args", List.of(args));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("v", 1);
    body.put("session", session);
    body.put("csrf", csrf);
    body.put("ack", 0);
    body.put("calls", List.of(call));
    return post("call", body);
  }

  /** Posts {@code /reverse}; in polling mode the pending reverse calls come back at once. */
  Response reverse() {
    return post("reverse", Map.of("v", 1, "session", session, "csrf", csrf, "ack", 0));
  }

  /** Posts {@code /reverse} and returns once the response's headers arrived; the body streams. */
  HttpResponse<InputStream> openReverse() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(duplex + "/reverse"))
            .header("Content-Type", "application/json")
            .header("Origin", origin)
            .POST(HttpRequest.BodyPublishers.ofString(
                GSON.toJson(Map.of("v", 1, "session", session, "csrf", csrf, "ack", 0))))
            .build();
    try {
      return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  Response post(String endpoint, Map<String, ?> body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(duplex + "/" + endpoint))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("Origin", origin)
            .POST(HttpRequest.BodyPublishers.ofString(GSON.toJson(body)));
    return send(request);
  }

  Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(origin + path)).timeout(Duration.ofSeconds(20)).GET());
  }

  /**
   * Signs in through Spring Security's form login page (with Spring's own CSRF token, as a browser
   * would) and returns the status of the login POST.
   */
  int formLogin(String user, String password) {
    Response page = get("/login");
    Matcher token = LOGIN_CSRF.matcher(page.body());
    if (!token.find()) {
      throw new AssertionError("no _csrf field on the login page: " + page.body());
    }
    String form =
        "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(token.group(1));
    return send(
            HttpRequest.newBuilder(URI.create(origin + "/login"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)))
        .status();
  }

  /** The value of the HTTP session cookie, or null. */
  String sessionCookie() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("JSESSIONID"))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }

  private Response send(HttpRequest.Builder request) {
    if (basic != null) {
      request.header("Authorization", basic);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

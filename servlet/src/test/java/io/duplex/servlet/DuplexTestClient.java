package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One browser tab talking the wire protocol: its own cookie jar, {@code Origin} set to the server's
 * origin, the handshake's session and CSRF token remembered and sent with every request. Methods
 * return the raw {@link Response} so tests can assert statuses and error codes.
 */
public final class DuplexTestClient {
  private static final Gson GSON = new GsonBuilder().serializeNulls().create();

  private final String base;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http;
  private String origin;
  private String session;
  private String csrf;
  private JsonObject handshake;
  private long ack;

  DuplexTestClient(String base, String origin) {
    this.base = base;
    this.origin = origin;
    this.http =
        HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** An HTTP response: status, headers, body. */
  public record Response(int status, HttpHeaders headers, String body) {
    public JsonObject json() {
      return JsonParser.parseString(body).getAsJsonObject();
    }

    /** The request-level error code, or null for a body without one. */
    public String errorCode() {
      if (body.isEmpty() || !body.startsWith("{")) {
        return null;
      }
      JsonObject error = json().getAsJsonObject("error");
      return error == null ? null : error.get("code").getAsString();
    }

    public String errorMessage() {
      return json().getAsJsonObject("error").get("message").getAsString();
    }

    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    public JsonArray results() {
      return json().getAsJsonArray("results");
    }
  }

  /** One call of a batch. */
  public record CallSpec(long id, String service, String method, Object... args) {}

  public static CallSpec call(long id, String service, String method, Object... args) {
    return new CallSpec(id, service, method, args);
  }

  public String session() {
    return session;
  }

  public String csrf() {
    return csrf;
  }

  public JsonObject handshakeResponse() {
    return handshake;
  }

  /** The highest reverse seq this client says it ran; sent as {@code ack}. */
  public long ack() {
    return ack;
  }

  public DuplexTestClient ack(long ack) {
    this.ack = ack;
    return this;
  }

  /** The Origin header sent from now on; null sends none. */
  public DuplexTestClient origin(String origin) {
    this.origin = origin;
    return this;
  }

  /** Pretends to be another page of the same browser: its session and token, other values. */
  public DuplexTestClient useSession(String session, String csrf) {
    this.session = session;
    this.csrf = csrf;
    return this;
  }

  public CookieManager cookies() {
    return cookies;
  }

  /** Opens a script session for {@code page}; fails the test unless it succeeds. */
  public DuplexTestClient handshake(String page) {
    Response r = post("session", json("v", 1, "page", page));
    assertEquals(200, r.status(), r.body());
    handshake = r.json();
    session = handshake.get("session").getAsString();
    csrf = handshake.get("csrf").getAsString();
    ack = 0;
    return this;
  }

  /** Runs one call and returns its result object ({@code {"id":1,"value":...}} or with error). */
  public JsonObject call(String service, String method, Object... args) {
    Response r = batch(call(1, service, method, args));
    assertEquals(200, r.status(), r.body());
    return r.results().get(0).getAsJsonObject();
  }

  /** Runs one call and returns its value, failing the test if it failed. */
  public JsonElement value(String service, String method, Object... args) {
    JsonObject result = call(service, method, args);
    if (result.has("error")) {
      throw new AssertionError("call failed: " + result);
    }
    return result.get("value");
  }

  /** Posts a batch with this client's session, token and ack. */
  public Response batch(CallSpec... calls) {
    List<Object> list = new ArrayList<>();
    for (CallSpec c : calls) {
      list.add(map("id", c.id(), "service", c.service(), "method", c.method(), "args", Arrays.asList(c.args())));
    }
    return post("call", json("v", 1, "session", session, "csrf", csrf, "ack", ack, "calls", list));
  }

  /** Like {@link #batch} without waiting for the response. */
  public CompletableFuture<Response> batchAsync(CallSpec... calls) {
    List<Object> list = new ArrayList<>();
    for (CallSpec c : calls) {
      list.add(map("id", c.id(), "service", c.service(), "method", c.method(), "args", Arrays.asList(c.args())));
    }
    String body = json("v", 1, "session", session, "csrf", csrf, "ack", ack, "calls", list);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/call"))
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    if (origin != null) {
      request.header("Origin", origin);
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(r -> new Response(r.statusCode(), r.headers(), r.body()));
  }

  /** Posts {@code /reverse} (answered at once in polling mode). */
  public Response reverse() {
    return post("reverse", json("v", 1, "session", session, "csrf", csrf, "ack", ack));
  }

  /** Like {@link #reverse()}, numbered {@code conn} as the engine numbers its reverse requests. */
  public Response reverse(long conn) {
    return post("reverse", json("v", 1, "session", session, "csrf", csrf, "ack", ack, "conn", conn));
  }

  /**
   * Posts {@code /reverse} with this client's ack and returns at once; lines arrive as the server
   * writes them (streaming) or all at the end (long poll).
   */
  public ReverseStream openStream() {
    return openStream(json("v", 1, "session", session, "csrf", csrf, "ack", ack));
  }

  /** Like {@link #openStream()}, numbered {@code conn} as the engine numbers its reverse requests. */
  public ReverseStream openStream(long conn) {
    return openStream(json("v", 1, "session", session, "csrf", csrf, "ack", ack, "conn", conn));
  }

  /** Posts {@code /reverse} with this exact body (e.g. with {@code pages}) and returns at once. */
  public ReverseStream openStreamWith(String body) {
    return openStream(body);
  }

  private ReverseStream openStream(String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/reverse"))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    if (origin != null) {
      request.header("Origin", origin);
    }
    return ReverseStream.open(http, request.build());
  }

  public Response sendAck(long ack) {
    return post("ack", json("v", 1, "session", session, "csrf", csrf, "ack", ack));
  }

  public Response unload() {
    return post("unload", json("v", 1, "session", session, "csrf", csrf));
  }

  /** Posts {@code body} as application/json with this client's Origin. */
  public Response post(String endpoint, String body) {
    return post(endpoint, body, Map.of());
  }

  /** Like {@link #post(String, String)}; {@code headers} are added or replace the defaults. */
  public Response post(String endpoint, String body, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Content-Type", "application/json");
    if (origin != null) {
      all.put("Origin", origin);
    }
    all.putAll(headers);
    return send("POST", endpoint, HttpRequest.BodyPublishers.ofString(body), all);
  }

  public Response get(String endpoint, String... headerPairs) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.put(headerPairs[i], headerPairs[i + 1]);
    }
    return send("GET", endpoint, HttpRequest.BodyPublishers.noBody(), headers);
  }

  /** Any method and body publisher, for tests of methods and chunked bodies. */
  public Response send(
      String method, String endpoint, HttpRequest.BodyPublisher body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/" + endpoint))
            .timeout(Duration.ofSeconds(30))
            .method(method, body);
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A JSON object from alternating names and values, in that order (nulls included). */
  public static String json(Object... namesAndValues) {
    return GSON.toJson(map(namesAndValues));
  }

  /** An ordered map from alternating names and values, to nest in {@link #json}. */
  public static Map<String, Object> map(Object... namesAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return map;
  }

  /** The servlet's base URL this browser talks to, e.g. {@code http://127.0.0.1:port/duplex}. */
  public String base() {
    return base;
  }

  /** The Origin header this browser sends, or null. */
  public String originHeader() {
    return origin;
  }

  public HttpClient httpClient() {
    return http;
  }
}

package io.duplex.servlet.internal.debug;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.duplex.DuplexConfig;
import io.duplex.HeldConnectionCounts;
import io.duplex.PushCounts;
import io.duplex.QueueStats;
import io.duplex.QueueTotals;
import io.duplex.ScriptSession;
import io.duplex.internal.DuplexRuntime;
import io.duplex.internal.protocol.ErrorCode;
import io.duplex.internal.protocol.ProtocolException;
import io.duplex.internal.remote.ServiceDefinition;
import io.duplex.servlet.internal.reverse.ReverseHandler;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code GET {base}/debug/}: a page for developers listing the services (with a form per method
 * that calls it through the engine, like any page), the open pages and the figures, refreshed from
 * {@code debug/state.json}. It exists only with {@code debug=true}; otherwise every {@code debug}
 * path is refused {@code DEBUG_DISABLED} before anything is read. Its files are static (the page,
 * one script, one style sheet) so it runs under a CSP without inline script or style; the page's
 * data (page names, user names: client-chosen text) is inserted as text by the script, never as HTML.
 */
public final class DebugPage implements AutoCloseable {
  /** At most this many pages are listed; the figures count them all. */
  static final int MAX_PAGES_LISTED = 500;
  private static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self';"
          + " object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
  private static final Gson GSON = new Gson();
  private static final Map<String, String> FILES =
      Map.of("", "text/html;charset=utf-8", "debug.js", "text/javascript;charset=utf-8", "debug.css", "text/css;charset=utf-8");

  private final DuplexRuntime runtime;
  private final ReverseHandler reverse;
  private final DebugFigures figures;
  private final Map<String, byte[]> files;

  /** Builds the page for a runtime with {@code debug=true}, and starts counting its figures. */
  public DebugPage(DuplexRuntime runtime, ReverseHandler reverse) {
    this.runtime = runtime;
    this.reverse = reverse;
    this.files = Map.of("", read("index.html"), "debug.js", read("debug.js"), "debug.css", read("debug.css"));
    this.figures = new DebugFigures();
    runtime.metrics().add(figures);
  }

  /** The refusal of every {@code debug} path while {@code debug} is off: says nothing else. */
  public static ProtocolException disabled() {
    return new ProtocolException(ErrorCode.DEBUG_DISABLED, "The debug page is served only with debug=true");
  }

  /**
   * Serves {@code file} ({@code ""} for the page itself, {@code debug.js}, {@code debug.css},
   * {@code state.json}); the method and Host were checked.
   */
  public void serve(String file, boolean head, HttpServletResponse response) throws IOException {
    byte[] body;
    String type;
    if (file.equals("state.json")) {
      body = GSON.toJson(state()).getBytes(StandardCharsets.UTF_8);
      type = "application/json;charset=utf-8";
    } else if (files.containsKey(file)) {
      body = files.get(file);
      type = FILES.get(file);
    } else {
      throw new ProtocolException(ErrorCode.NOT_FOUND, "No such file of the debug page");
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(type);
    // Live figures and a development aid: never cached.
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Content-Security-Policy", CSP);
    response.setHeader("X-Frame-Options", "DENY");
    response.setContentLength(body.length);
    if (!head) {
      response.getOutputStream().write(body);
    }
  }

  JsonObject state() {
    DuplexConfig config = runtime.config();
    JsonObject state = new JsonObject();
    state.addProperty("v", 1);
    state.addProperty("mode", config.reverseAjax().wireName()
        + (config.reverseAjax() == io.duplex.ReverseAjax.COMET ? (config.streaming() ? " (streaming)" : " (long poll)") : ""));
    state.add("services", services());
    List<ScriptSession> open = new ArrayList<>(runtime.sessions().browser().sessions());
    open.sort(Comparator.comparing(ScriptSession::page).thenComparing(ScriptSession::createdAt));
    JsonArray pages = new JsonArray();
    for (ScriptSession session : open.subList(0, Math.min(open.size(), MAX_PAGES_LISTED))) {
      QueueStats queue = session.queueStats();
      JsonObject page = new JsonObject();
      // Never the session id: it is a credential.
      page.addProperty("page", session.page());
      page.addProperty("user", session.user());
      page.addProperty("transport", reverse.transportOf(session.id()));
      page.addProperty("queued", queue.depth());
      page.addProperty("queuedBytes", queue.bytes());
      page.addProperty("behind", queue.behind());
      page.addProperty("openedAt", session.createdAt().toString());
      page.addProperty("lastSeenAt", session.lastSeenAt().toString());
      pages.add(page);
    }
    state.add("pages", pages);
    state.addProperty("pagesListed", pages.size());
    state.add("metrics", metrics());
    return state;
  }

  private JsonArray services() {
    JsonArray services = new JsonArray();
    List<ServiceDefinition> sorted = new ArrayList<>(runtime.registry().services());
    sorted.sort(Comparator.comparing(ServiceDefinition::name));
    for (ServiceDefinition service : sorted) {
      JsonObject entry = new JsonObject();
      entry.addProperty("name", service.name());
      JsonArray methods = new JsonArray();
      service.jsSignature().forEach((name, params) -> {
        JsonObject method = new JsonObject();
        method.addProperty("name", name);
        method.add("params", GSON.toJsonTree(params));
        methods.add(method);
      });
      entry.add("methods", methods);
      services.add(entry);
    }
    return services;
  }

  private JsonObject metrics() {
    JsonObject metrics = new JsonObject();
    metrics.addProperty("pagesOpen", runtime.sessions().openCount());
    HeldConnectionCounts held = runtime.held().snapshot();
    JsonObject heldJson = new JsonObject();
    heldJson.addProperty("streaming", held.streaming());
    heldJson.addProperty("longPoll", held.longPoll());
    heldJson.addProperty("webSocket", held.webSocket());
    metrics.add("held", heldJson);
    QueueTotals queues = runtime.sessions().queueTotals();
    metrics.add("queues", GSON.toJsonTree(queues));
    PushCounts pushes = runtime.sessions().pushCounters().snapshot();
    metrics.add("pushes", GSON.toJsonTree(pushes));
    JsonObject latency = new JsonObject();
    latency.addProperty("writes", figures.writes());
    latency.addProperty("meanMillis", figures.meanWriteMillis());
    latency.addProperty("maxMillis", figures.maxWriteMillis());
    metrics.add("pushToWrite", latency);
    JsonObject calls = new JsonObject();
    calls.addProperty("total", figures.calls());
    calls.add("byMethod", GSON.toJsonTree(figures.byMethod()));
    calls.add("errors", GSON.toJsonTree(figures.errors()));
    metrics.add("calls", calls);
    JsonObject refusals = new JsonObject();
    runtime.refusals().snapshot().byCode().forEach((code, count) -> {
      if (count > 0) {
        refusals.addProperty(code, count);
      }
    });
    metrics.add("refusals", refusals);
    return metrics;
  }

  private static byte[] read(String name) {
    try (InputStream in = DebugPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("The debug page's " + name + " is missing from the duplex-servlet jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops counting the page's figures. */
  @Override
  public void close() {
    runtime.metrics().remove(figures);
  }
}

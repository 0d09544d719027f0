package io.duplex.bench.ceiling;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.duplex.bench.ceiling.CeilingPage.Held;
import io.duplex.bench.server.ServerMode;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The ceiling's one servlet: the protocol's endpoints (session, call, reverse, ack, unload), the
 * happy path only, as a hand-written application would serve them.
 */
final class CeilingServlet extends HttpServlet {
  private static final byte[] OPEN = "{\"v\":1,\"open\":true}\n".getBytes(StandardCharsets.US_ASCII);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final CeilingTarget target;
  private final SecureRandom random = new SecureRandom();

  CeilingServlet(CeilingTarget target) {
    this.target = target;
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String origin = req.getHeader("Origin");
    String own = req.getScheme() + "://" + req.getHeader("Host");
    if (origin == null || !origin.equalsIgnoreCase(own)) {
      resp.sendError(403);
      return;
    }
    JsonObject body = JsonParser.parseString(new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .getAsJsonObject();
    String path = req.getPathInfo() == null ? "" : req.getPathInfo();
    if (path.equals("/session")) {
      handshake(req, resp, body);
      return;
    }
    CeilingPage page = target.pagesById.get(body.get("session").getAsString());
    HttpSession http = req.getSession(false);
    if (page == null || http == null || !page.httpSessionId.equals(http.getId())) {
      resp.sendError(410);
      return;
    }
    if (!MessageDigest.isEqual(
        page.csrf.getBytes(StandardCharsets.US_ASCII),
        body.get("csrf").getAsString().getBytes(StandardCharsets.US_ASCII))) {
      resp.sendError(403);
      return;
    }
    JsonElement ack = body.get("ack");
    long acked = ack == null ? 0 : ack.getAsLong();
    if (acked > page.acked) {
      page.acked = acked;
    }
    switch (path) {
      case "/call" -> call(resp, body);
      case "/reverse" -> reverse(req, resp, page, acked);
      case "/ack" -> resp.setStatus(204);
      case "/unload" -> {
        target.unregister(page);
        resp.setStatus(204);
      }
      default -> resp.sendError(404);
    }
  }

  private void handshake(HttpServletRequest req, HttpServletResponse resp, JsonObject body) throws IOException {
    HttpSession http = req.getSession(true);
    String csrf;
    synchronized (http) {
      csrf = (String) http.getAttribute("csrf");
      if (csrf == null) {
        csrf = token(32);
        http.setAttribute("csrf", csrf);
      }
    }
    String path = body.get("page").getAsString();
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    CeilingPage page = new CeilingPage(token(16), csrf, http.getId(), path, target.log.last());
    target.register(page);
    ServerMode mode = target.mode;
    String json = "{\"v\":1,\"session\":\"" + page.id + "\",\"csrf\":\"" + csrf + "\",\"page\":"
        + new JsonPrimitive(path) + ",\"reverse\":{\"mode\":\"" + (mode == ServerMode.POLL ? "polling" : mode == ServerMode.WEBSOCKET ? "websocket" : "comet")
        + "\",\"streaming\":" + (mode == ServerMode.STREAM)
        + ",\"maxHoldMillis\":" + ServerMode.MAX_HOLD_MILLIS
        + ",\"heartbeatMillis\":" + ServerMode.HEARTBEAT_MILLIS
        + ",\"pollIntervalMillis\":" + ServerMode.POLL_INTERVAL_MILLIS
        + ",\"ackIntervalMillis\":" + ServerMode.ACK_INTERVAL_MILLIS + "},\"debug\":false}";
    writeJson(resp, json.getBytes(StandardCharsets.UTF_8));
  }

  private static void call(HttpServletResponse resp, JsonObject body) throws IOException {
    JsonArray calls = body.getAsJsonArray("calls");
    StringBuilder out = new StringBuilder(32 + 32 * calls.size()).append("{\"v\":1,\"results\":[");
    for (int i = 0; i < calls.size(); i++) {
      JsonObject call = calls.get(i).getAsJsonObject();
      if (i > 0) {
        out.append(',');
      }
      out.append("{\"id\":").append(call.get("id").getAsLong());
      if ("Bench".equals(call.get("service").getAsString()) && "echo".equals(call.get("method").getAsString())) {
        String text = call.getAsJsonArray("args").get(0).getAsString();
        out.append(",\"value\":").append(new JsonPrimitive(text)).append('}');
      } else {
        out.append(",\"error\":{\"code\":\"UNKNOWN_METHOD\",\"message\":\"no such method\"}}");
      }
    }
    out.append("]}");
    writeJson(resp, out.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void reverse(HttpServletRequest req, HttpServletResponse resp, CeilingPage page, long ack) throws IOException {
    RoundLog log = target.log;
    if (target.mode == ServerMode.POLL) {
      writeJson(resp, target.pollBody(page, ack, log.last()));
      return;
    }
    boolean stream = target.mode == ServerMode.STREAM;
    AsyncContext async = req.startAsync();
    async.setTimeout(0);
    resp.setStatus(200);
    resp.setContentType(stream ? "application/x-ndjson" : "application/json");
    ServletOutputStream out = resp.getOutputStream();
    synchronized (page) {
      Held old = page.held;
      if (old != null) {
        page.held = null;
        if (old.stream()) {
          old.writer.close(CeilingTarget.CLOSE_REPLACED);
        } else {
          CeilingTarget.finish(old, CeilingTarget.EMPTY_POLL);
        }
      }
      // The log is read under the page's monitor: a round published after this check finds the
      // request parked, one published before it is in the log.
      long last = log.last();
      long lastSeq = last - page.base;
      StreamWriter writer = stream ? new StreamWriter(page, async, out) : null;
      Held held = new Held(async, out, writer, ack, System.nanoTime());
      if (stream) {
        out.setWriteListener(writer);
        page.held = held;
        target.write(page, held, OPEN);
        if (lastSeq > ack) {
          target.write(page, held, target.streamLine(page, ack, last));
        }
        held.written = Math.max(ack, lastSeq);
      } else if (lastSeq > ack) {
        CeilingTarget.finish(held, target.pollBody(page, ack, last));
      } else {
        page.held = held;
      }
    }
  }

  private String token(int bytes) {
    byte[] raw = new byte[bytes];
    random.nextBytes(raw);
    return B64.encodeToString(raw);
  }

  private static void writeJson(HttpServletResponse resp, byte[] body) throws IOException {
    resp.setContentType("application/json");
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }
}

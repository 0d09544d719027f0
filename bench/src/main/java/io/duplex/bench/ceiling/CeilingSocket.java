package io.duplex.bench.ceiling;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/**
 * The WebSocket ceiling: a plain Jakarta WebSocket endpoint at {@value #PATH} doing the
 * workloads' work over a socket with no framework. WS1: each call frame of protocol 4.6 ({@code
 * n}, {@code calls}) gets a Gson parse, then one line back with the echoed results, as Duplex
 * writes it. W2 and W3: an open frame as Duplex's ({@code session} and {@code csrf} of a page the
 * ceiling's HTTP handshake made) puts the socket on that page URL's broadcast list ({@link
 * SocketPages}) and is answered {@code {"v":1,"open":true}};
 * {@code ack} frames are read and ignored (there is no queue). Call and ack frames are not checked
 * for a session or CSRF token (less work than Duplex does per frame), so it is an upper bound.
 */
public final class CeilingSocket extends Endpoint {
  public static final String PATH = "/ceiling/ws";

  private final SocketPages pages;
  private SocketPages.Page page;

  public CeilingSocket(SocketPages pages) {
    this.pages = pages;
  }

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
      JsonObject frame = JsonParser.parseString(text).getAsJsonObject();
      JsonElement op = frame.get("op");
      if (op != null && "open".equals(op.getAsString())) {
        String path = pages.pathOf(string(frame, "session"), string(frame, "csrf"));
        if (path == null) {
          session.getAsyncRemote().sendText("{\"v\":1,\"error\":{\"code\":\"SESSION_UNKNOWN\"}}\n");
          return;
        }
        page = pages.open(session, path);
        page.send("{\"v\":1,\"open\":true}\n");
        return;
      }
      if (op != null && "ack".equals(op.getAsString())) {
        return;
      }
      StringBuilder line = new StringBuilder(64).append("{\"n\":").append(frame.get("n").getAsLong())
          .append(",\"v\":1,\"results\":[");
      JsonArray calls = frame.getAsJsonArray("calls");
      for (int i = 0; i < calls.size(); i++) {
        JsonObject call = calls.get(i).getAsJsonObject();
        JsonElement arg = call.getAsJsonArray("args").get(0);
        if (i > 0) {
          line.append(',');
        }
        line.append("{\"id\":").append(call.get("id").getAsLong()).append(",\"value\":").append(arg).append('}');
      }
      session.getAsyncRemote().sendText(line.append("]}\n").toString());
    });
  }

  private static String string(JsonObject frame, String name) {
    JsonElement value = frame.get(name);
    return value == null || !value.isJsonPrimitive() ? null : value.getAsString();
  }

  @Override
  public void onClose(Session session, jakarta.websocket.CloseReason reason) {
    if (page != null) {
      pages.close(page);
    }
  }

  @Override
  public void onError(Session session, Throwable error) {
    if (page != null) {
      pages.close(page);
    }
  }
}

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
 * The WebSocket ceiling (the ws command): a plain Jakarta WebSocket endpoint at
 * {@value #PATH} doing W1's work over a socket with no framework. Each text frame is a call
 * frame of protocol 4.6 ({@code n}, {@code calls}); a Gson parse, then one line back with the
 * echoed results, as Duplex writes it. It checks no session or CSRF token (less work than Duplex
 * does per frame), so it is an upper bound.
 */
public final class CeilingSocket extends Endpoint {
  public static final String PATH = "/ceiling/ws";

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
      JsonObject frame = JsonParser.parseString(text).getAsJsonObject();
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
}

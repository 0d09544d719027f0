package io.duplex.bench.client;

import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;

/** Request bodies of docs/protocol.md, with the members in the order the browser engine writes them. */
final class Wire {
  private Wire() {}

  static byte[] handshake(String page) {
    return ("{\"v\":1,\"page\":" + new JsonPrimitive(page) + "}").getBytes(StandardCharsets.UTF_8);
  }

  /** {@code /ack} and {@code /unload} bodies: the session, its token and the ack. */
  static byte[] sessionRequest(SimPage page, long ack) {
    return ("{\"v\":1,\"session\":\"" + page.sessionId + "\",\"csrf\":\"" + page.csrf + "\",\"ack\":" + ack + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A {@code /reverse} body: as the engine, it numbers the page's reverse requests (protocol 4.4). */
  static byte[] reverseRequest(SimPage page, long ack) {
    return ("{\"v\":1,\"session\":\"" + page.sessionId + "\",\"csrf\":\"" + page.csrf + "\",\"ack\":" + ack
            + ",\"conn\":" + page.nextConn() + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A {@code /call} of the engine's {@code duplex.subscribe(topic)} (protocol 4.8). */
  static byte[] subscribe(SimPage page, String topic) {
    return ("{\"v\":1,\"session\":\"" + page.sessionId + "\",\"csrf\":\"" + page.csrf
            + "\",\"ack\":0,\"calls\":[{\"id\":1,\"service\":\"duplex\",\"method\":\"subscribe\",\"args\":["
            + new JsonPrimitive(topic) + "]}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A {@code /call} batch of {@code count} calls of {@code Bench.echo(text)}, ids from {@code firstId}. */
  static byte[] echoBatch(SimPage page, long ack, long firstId, int count, String text) {
    String quoted = new JsonPrimitive(text).toString();
    StringBuilder body = new StringBuilder(96 + 64 * count)
        .append("{\"v\":1,\"session\":\"").append(page.sessionId)
        .append("\",\"csrf\":\"").append(page.csrf)
        .append("\",\"ack\":").append(ack)
        .append(",\"calls\":[");
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        body.append(',');
      }
      body.append("{\"id\":").append(firstId + i)
          .append(",\"service\":\"Bench\",\"method\":\"echo\",\"args\":[").append(quoted).append("]}");
    }
    return body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }
}

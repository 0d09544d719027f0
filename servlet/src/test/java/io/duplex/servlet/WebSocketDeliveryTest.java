package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.ReverseAjax;
import io.duplex.internal.protocol.ErrorCode;
import io.duplex.servlet.DuplexTestClient.Response;

/** The delivery promises in websocket mode: one socket per page, acknowledged on the socket. */
class WebSocketDeliveryTest extends DeliveryModeTest {
  private static final long HEARTBEAT_MILLIS = 200;

  @Override
  Duplex.Builder mode(Duplex.Builder builder) {
    return builder.reverseAjax(ReverseAjax.WEBSOCKET).heartbeatMillis(HEARTBEAT_MILLIS);
  }

  @Override
  DeliveryLoop startLoop(DuplexTestClient page) {
    return new SocketLoop(page, HEARTBEAT_MILLIS);
  }

  @Override
  JsonObject fetchOnce(DuplexTestClient page) {
    try (TestSocket socket = TestSocket.connect(page).open(1)) {
      JsonObject open = socket.next();
      assertTrue(open.has("open"), open.toString());
      JsonObject line = socket.nextSkippingHeartbeats();
      assertNotNull(line, "a delivery before the socket ended");
      assertTrue(line.has("reverse"), line.toString());
      return line.getAsJsonObject("reverse");
    }
  }

  @Override
  JsonObject acknowledgeThenReceive(DuplexTestClient page, Runnable queueNext) {
    try (TestSocket socket = TestSocket.connect(page).open(1)) {
      assertTrue(socket.next().has("open"));
      socket.ack(page.ack());
      // The ack frame is handled before the call frame after it: its answer shows the ack arrived.
      socket.call(1, DuplexTestClient.call(1, "Echo", "echo", "x"));
      assertEquals("x", socket.answer(1).getAsJsonArray("results").get(0).getAsJsonObject().get("value").getAsString());
      queueNext.run();
      JsonObject line = socket.nextSkippingHeartbeats();
      assertNotNull(line);
      return line.getAsJsonObject("reverse");
    }
  }

  /** The open frame's answer as an HTTP response: 200 when open, else the refusal's status and line. */
  @Override
  Response transportRequest(DuplexTestClient page) {
    try (TestSocket socket = TestSocket.connect(page).open(1)) {
      JsonObject line = socket.next();
      if (line.has("error")) {
        int status = ErrorCode.valueOf(line.getAsJsonObject("error").get("code").getAsString()).httpStatus();
        return new Response(status, null, line.toString());
      }
      return new Response(200, null, line.toString());
    }
  }
}

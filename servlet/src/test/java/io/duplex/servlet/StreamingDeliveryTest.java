package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.ReverseAjax;
import io.duplex.servlet.DuplexTestClient.Response;

/** The delivery promises in comet streaming mode: one NDJSON stream, acknowledged through /ack. */
class StreamingDeliveryTest extends DeliveryModeTest {
  @Override
  Duplex.Builder mode(Duplex.Builder builder) {
    // Heartbeats well inside the timeout, so a page that went away is noticed and can expire.
    return builder.reverseAjax(ReverseAjax.COMET).streaming(true).maxHoldMillis(1_500).heartbeatMillis(200);
  }

  @Override
  DeliveryLoop startLoop(DuplexTestClient page) {
    return new PageLoop(page);
  }

  @Override
  JsonObject fetchOnce(DuplexTestClient page) {
    try (ReverseStream stream = page.openStream()) {
      assertTrue(stream.next().has("open"));
      JsonObject line = stream.nextSkippingHeartbeats();
      assertNotNull(line, "a delivery before the stream ended");
      return line.getAsJsonObject("reverse");
    }
  }

  @Override
  JsonObject acknowledgeThenReceive(DuplexTestClient page, Runnable queueNext) {
    assertEquals(204, page.sendAck(page.ack()).status());
    queueNext.run();
    return fetchOnce(page);
  }

  @Override
  Response transportRequest(DuplexTestClient page) {
    return page.reverse();
  }
}

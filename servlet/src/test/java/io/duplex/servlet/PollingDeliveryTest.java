package io.duplex.servlet;

import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.ReverseAjax;
import io.duplex.servlet.DuplexTestClient.Response;

/** The delivery promises in polling mode: /reverse every pollIntervalMillis, answered at once. */
class PollingDeliveryTest extends DeliveryModeTest {
  private static final long POLL_INTERVAL_MILLIS = 20;

  @Override
  Duplex.Builder mode(Duplex.Builder builder) {
    return builder.reverseAjax(ReverseAjax.POLLING).pollIntervalMillis(POLL_INTERVAL_MILLIS);
  }

  @Override
  DeliveryLoop startLoop(DuplexTestClient page) {
    return new RepeatingPageLoop(page, DuplexTestClient::reverse, POLL_INTERVAL_MILLIS);
  }

  @Override
  JsonObject fetchOnce(DuplexTestClient page) {
    return reverseOf(page.reverse());
  }

  @Override
  Response transportRequest(DuplexTestClient page) {
    return page.reverse();
  }
}

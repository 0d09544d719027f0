package io.duplex.servlet;

import static io.duplex.servlet.DuplexTestClient.call;

import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.ReverseAjax;
import io.duplex.servlet.DuplexTestClient.Response;

/** The delivery promises in piggyback mode: reverse objects ride on the page's own /call responses. */
class PiggybackDeliveryTest extends DeliveryModeTest {
  /** How often the page makes a light call of its own. */
  private static final long CALL_INTERVAL_MILLIS = 20;

  @Override
  Duplex.Builder mode(Duplex.Builder builder) {
    return builder.reverseAjax(ReverseAjax.PIGGYBACK);
  }

  @Override
  DeliveryLoop startLoop(DuplexTestClient page) {
    return new RepeatingPageLoop(page, PiggybackDeliveryTest::lightCall, CALL_INTERVAL_MILLIS);
  }

  @Override
  JsonObject fetchOnce(DuplexTestClient page) {
    return reverseOf(lightCall(page));
  }

  @Override
  Response transportRequest(DuplexTestClient page) {
    return lightCall(page);
  }

  private static Response lightCall(DuplexTestClient page) {
    return page.batch(call(1, "Echo", "nothing"));
  }
}

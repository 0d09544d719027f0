package io.duplex.samples.reverse;

import io.duplex.ReverseAjax;

/** Reverse calls delivered by polling, every {@link ProbeServer#POLL_INTERVAL_MILLIS} ms. */
class PollingReverseBrowserTest extends ReverseDeliveryBrowserTest {
  @Override
  ReverseAjax mode() {
    return ReverseAjax.POLLING;
  }

  @Override
  boolean streaming() {
    return false;
  }

  @Override
  String expectedMode() {
    return "polling";
  }

  @Override
  String expectedTransport() {
    return "polling";
  }

  @Override
  String reverseMediaType() {
    return "application/json";
  }
}

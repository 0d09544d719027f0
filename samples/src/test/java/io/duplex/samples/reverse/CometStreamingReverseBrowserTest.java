package io.duplex.samples.reverse;

import io.duplex.ReverseAjax;

/** Reverse calls delivered by comet streaming, one NDJSON response read as it arrives. */
class CometStreamingReverseBrowserTest extends ReverseDeliveryBrowserTest {
  @Override
  ReverseAjax mode() {
    return ReverseAjax.COMET;
  }

  @Override
  boolean streaming() {
    return true;
  }

  @Override
  String expectedMode() {
    return "comet";
  }

  @Override
  String expectedTransport() {
    return "streaming";
  }

  @Override
  String reverseMediaType() {
    return "application/x-ndjson";
  }
}

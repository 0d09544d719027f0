package io.duplex.samples.reverse;

import io.duplex.ReverseAjax;

/** Reverse calls delivered by comet long poll: held requests answered when calls are queued. */
class CometLongPollReverseBrowserTest extends ReverseDeliveryBrowserTest {
  @Override
  ReverseAjax mode() {
    return ReverseAjax.COMET;
  }

  @Override
  boolean streaming() {
    return false;
  }

  @Override
  String expectedMode() {
    return "comet";
  }

  @Override
  String expectedTransport() {
    return "longpoll";
  }

  @Override
  String reverseMediaType() {
    return "application/json";
  }
}

package io.duplex.samples.reverse;

import io.duplex.ReverseAjax;

/** Reverse calls delivered by piggyback on call responses (the page pings while in this mode). */
class PiggybackReverseBrowserTest extends ReverseDeliveryBrowserTest {
  @Override
  ReverseAjax mode() {
    return ReverseAjax.PIGGYBACK;
  }

  @Override
  boolean streaming() {
    return false;
  }

  @Override
  String expectedMode() {
    return "piggyback";
  }

  @Override
  String expectedTransport() {
    return "piggyback";
  }

  @Override
  String reverseMediaType() {
    return null;
  }
}

package io.duplex.samples.reverse;

import io.duplex.ReverseAjax;

/** Reverse calls, calls and acks on one WebSocket per page. */
class WebSocketReverseBrowserTest extends ReverseDeliveryBrowserTest {
  @Override
  ReverseAjax mode() {
    return ReverseAjax.WEBSOCKET;
  }

  @Override
  boolean streaming() {
    return true;
  }

  @Override
  String expectedMode() {
    return "websocket";
  }

  @Override
  String expectedTransport() {
    return "websocket";
  }

  /** No {@code /reverse} request at all: the socket carries everything. */
  @Override
  String reverseMediaType() {
    return null;
  }
}

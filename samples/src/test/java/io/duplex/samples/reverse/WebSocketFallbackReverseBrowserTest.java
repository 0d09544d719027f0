package io.duplex.samples.reverse;

import io.duplex.ReverseAjax;

/**
 * websocket mode behind something that refuses upgrades: the page falls back to comet streaming by
 * itself, and every delivery promise still holds.
 */
class WebSocketFallbackReverseBrowserTest extends ReverseDeliveryBrowserTest {
  @Override
  ReverseAjax mode() {
    return ReverseAjax.WEBSOCKET;
  }

  @Override
  boolean streaming() {
    return true;
  }

  @Override
  boolean refuseUpgrades() {
    return true;
  }

  @Override
  String expectedMode() {
    return "websocket";
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

package io.duplex.samples.reverse;

import io.duplex.ReverseAjax;

/** Asks answered with reverse calls delivered in websocket mode. */
class WebSocketAnswersBrowserTest extends PageAnswersBrowserTest {
  @Override
  ReverseAjax mode() {
    return ReverseAjax.WEBSOCKET;
  }

  @Override
  boolean streaming() {
    return true;
  }

  @Override
  String expectedTransport() {
    return "websocket";
  }
}

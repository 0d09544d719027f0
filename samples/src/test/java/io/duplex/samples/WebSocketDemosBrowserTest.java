package io.duplex.samples;

import io.duplex.ReverseAjax;

/** Every demo, two people at once, with calls and reverse calls on one WebSocket per page. */
class WebSocketDemosBrowserTest extends DemoPagesBrowserTest {
  @Override
  ReverseAjax mode() {
    return ReverseAjax.WEBSOCKET;
  }

  @Override
  boolean streaming() {
    return true;
  }

  @Override
  String transport() {
    return "websocket";
  }

  @Override
  String modeName() {
    return "websocket";
  }
}

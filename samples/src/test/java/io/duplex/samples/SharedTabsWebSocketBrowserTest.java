package io.duplex.samples;

import io.duplex.ReverseAjax;

/** Eight tabs sharing one connection in websocket mode. */
class SharedTabsWebSocketBrowserTest extends SharedTabsBrowserTest {
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
}

package io.duplex.samples;

import io.duplex.ReverseAjax;

/**
 * Eight tabs sharing one connection in websocket mode when the site's SharedWorker fails to start
 * (its script is missing): a tab elected with a Web Lock holds it and passes the others their calls
 * over a BroadcastChannel.
 */
class SharedTabsLeaderBrowserTest extends SharedTabsBrowserTest {
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
  boolean withoutSharedWorker() {
    return true;
  }
}

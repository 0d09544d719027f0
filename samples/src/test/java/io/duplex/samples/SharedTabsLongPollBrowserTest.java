package io.duplex.samples;

import io.duplex.ReverseAjax;

/** Eight tabs sharing one connection in longpoll mode. */
class SharedTabsLongPollBrowserTest extends SharedTabsBrowserTest {
  @Override
  ReverseAjax mode() {
    return ReverseAjax.COMET;
  }

  @Override
  boolean streaming() {
    return false;
  }

  @Override
  String transport() {
    return "longpoll";
  }
}

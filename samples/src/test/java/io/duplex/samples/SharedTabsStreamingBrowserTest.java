package io.duplex.samples;

import io.duplex.ReverseAjax;

/** Eight tabs sharing one connection in streaming mode. */
class SharedTabsStreamingBrowserTest extends SharedTabsBrowserTest {
  @Override
  ReverseAjax mode() {
    return ReverseAjax.COMET;
  }

  @Override
  boolean streaming() {
    return true;
  }

  @Override
  String transport() {
    return "streaming";
  }
}

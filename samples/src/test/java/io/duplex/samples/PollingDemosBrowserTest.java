package io.duplex.samples;

import io.duplex.ReverseAjax;

/** Every demo, two people at once, with reverse calls delivered by polling. */
class PollingDemosBrowserTest extends DemoPagesBrowserTest {
  @Override
  ReverseAjax mode() {
    return ReverseAjax.POLLING;
  }

  @Override
  boolean streaming() {
    return false;
  }

  @Override
  String transport() {
    return "polling";
  }

  @Override
  String modeName() {
    return "polling";
  }
}

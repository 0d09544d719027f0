package io.duplex.samples;

import io.duplex.ReverseAjax;

/** Every demo, two people at once, with reverse calls delivered by piggyback. */
class PiggybackDemosBrowserTest extends DemoPagesBrowserTest {
  @Override
  ReverseAjax mode() {
    return ReverseAjax.PIGGYBACK;
  }

  @Override
  boolean streaming() {
    return false;
  }

  @Override
  String transport() {
    return "piggyback";
  }

  @Override
  String modeName() {
    return "piggyback";
  }
}

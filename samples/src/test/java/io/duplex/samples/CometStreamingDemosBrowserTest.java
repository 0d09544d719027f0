package io.duplex.samples;

import io.duplex.ReverseAjax;

/** Every demo, two people at once, with reverse calls delivered by comet streaming. */
class CometStreamingDemosBrowserTest extends DemoPagesBrowserTest {
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

  @Override
  String modeName() {
    return "comet-streaming";
  }
}

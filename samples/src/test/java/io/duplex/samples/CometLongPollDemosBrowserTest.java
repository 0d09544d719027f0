package io.duplex.samples;

import io.duplex.ReverseAjax;

/** Every demo, two people at once, with reverse calls delivered by comet long poll. */
class CometLongPollDemosBrowserTest extends DemoPagesBrowserTest {
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

  @Override
  String modeName() {
    return "comet-longpoll";
  }
}

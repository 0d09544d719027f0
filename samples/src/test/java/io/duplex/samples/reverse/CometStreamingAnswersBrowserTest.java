package io.duplex.samples.reverse;

import io.duplex.ReverseAjax;

/** Asks answered with reverse calls delivered in streaming mode. */
class CometStreamingAnswersBrowserTest extends PageAnswersBrowserTest {
  @Override
  ReverseAjax mode() {
    return ReverseAjax.COMET;
  }

  @Override
  boolean streaming() {
    return true;
  }

  @Override
  String expectedTransport() {
    return "streaming";
  }
}

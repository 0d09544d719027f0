package io.duplex.samples.reverse;

import io.duplex.ReverseAjax;

/** Asks answered with reverse calls delivered in polling mode. */
class PollingAnswersBrowserTest extends PageAnswersBrowserTest {
  @Override
  ReverseAjax mode() {
    return ReverseAjax.POLLING;
  }

  @Override
  boolean streaming() {
    return false;
  }

  @Override
  String expectedTransport() {
    return "polling";
  }
}

package io.duplex.samples.reverse;

import io.duplex.ReverseAjax;

/** Asks answered with reverse calls delivered in longpoll mode. */
class CometLongPollAnswersBrowserTest extends PageAnswersBrowserTest {
  @Override
  ReverseAjax mode() {
    return ReverseAjax.COMET;
  }

  @Override
  boolean streaming() {
    return false;
  }

  @Override
  String expectedTransport() {
    return "longpoll";
  }
}

package io.duplex.samples.reverse;

import io.duplex.ReverseAjax;

/** Asks answered with reverse calls delivered in piggyback mode. */
class PiggybackAnswersBrowserTest extends PageAnswersBrowserTest {
  @Override
  ReverseAjax mode() {
    return ReverseAjax.PIGGYBACK;
  }

  @Override
  boolean streaming() {
    return false;
  }

  @Override
  String expectedTransport() {
    return "piggyback";
  }
}

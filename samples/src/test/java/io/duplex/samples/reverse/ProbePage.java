package io.duplex.samples.reverse;

import io.duplex.ScriptName;

/** The test page's functions, called through a typed proxy: {@code show} is {@code probe.show}. */
@ScriptName("probe")
interface ProbePage {
  void show(Item item);

  @ScriptName("seq")
  void number(int seq);
}

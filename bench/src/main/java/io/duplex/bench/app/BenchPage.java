package io.duplex.bench.app;

import io.duplex.ScriptName;

/** The broadcast page's JavaScript side: {@code bench.addMessage(message)}. */
@ScriptName("bench")
public interface BenchPage {
  void addMessage(Message message);
}

package io.duplex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Several browser calls to be run in order, queued together with {@link Targets#send}. The
 * arguments are converted once, when the buffer is sent.
 */
public final class ScriptBuffer {
  /** One queued call: a JavaScript function name and its Java arguments. */
  public record Call(String function, List<Object> args) {}

  private final List<Call> calls = new ArrayList<>();

  public static ScriptBuffer create() {
    return new ScriptBuffer();
  }

  public ScriptBuffer call(String function, Object... args) {
    if (function == null || function.isBlank()) {
      throw new IllegalArgumentException("function name is required");
    }
    calls.add(new Call(function, Collections.unmodifiableList(java.util.Arrays.asList(args.clone()))));
    return this;
  }

  public List<Call> calls() {
    return Collections.unmodifiableList(calls);
  }

  public boolean isEmpty() {
    return calls.isEmpty();
  }
}

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

  /** {@return a new empty buffer} */
  public static ScriptBuffer create() {
    return new ScriptBuffer();
  }

  /**
   * Adds a call of a page function.
   *
   * @param function the JavaScript function's name, dotted for nested objects, e.g. {@code app.x.add}
   * @param args its arguments, converted when the buffer is sent
   * @return this buffer
   * @throws IllegalArgumentException when {@code function} is blank
   */
  public ScriptBuffer call(String function, Object... args) {
    if (function == null || function.isBlank()) {
      throw new IllegalArgumentException("function name is required");
    }
    calls.add(new Call(function, Collections.unmodifiableList(java.util.Arrays.asList(args.clone()))));
    return this;
  }

  /** {@return the calls added so far, in order (a read-only view)} */
  public List<Call> calls() {
    return Collections.unmodifiableList(calls);
  }

  /** {@return whether no call was added} */
  public boolean isEmpty() {
    return calls.isEmpty();
  }
}

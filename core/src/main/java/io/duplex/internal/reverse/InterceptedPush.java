package io.duplex.internal.reverse;

import io.duplex.PushInterceptor;
import io.duplex.ScriptBuffer;
import io.duplex.Targets;
import java.util.List;
import java.util.function.IntSupplier;

/** One push passing through the push interceptors: each {@code proceed()} moves one step inward. */
final class InterceptedPush implements PushInterceptor.Chain {
  private final PushInterceptor[] interceptors;
  private final Targets targets;
  private final List<ScriptBuffer.Call> calls;
  /** Converts and queues the push: what the innermost {@code proceed()} runs. */
  private final IntSupplier push;
  private int next;

  InterceptedPush(PushInterceptor[] interceptors, Targets targets, List<ScriptBuffer.Call> calls, IntSupplier push) {
    this.interceptors = interceptors;
    this.targets = targets;
    this.calls = calls;
    this.push = push;
  }

  /**
   * Runs {@code push} through {@code interceptors}, or at once when there are none (callers on hot
   * paths check for none first, so that nothing is described or captured per push).
   */
  static int run(PushInterceptor[] interceptors, Targets targets, List<ScriptBuffer.Call> calls, IntSupplier push) {
    if (interceptors.length == 0) {
      return push.getAsInt();
    }
    return new InterceptedPush(interceptors, targets, calls, push).proceed();
  }

  /** One call's description, its arguments as an unmodifiable view. */
  static List<ScriptBuffer.Call> one(String function, Object[] args) {
    return List.of(new ScriptBuffer.Call(function, java.util.Collections.unmodifiableList(java.util.Arrays.asList(args))));
  }

  @Override
  public Targets targets() {
    return targets;
  }

  @Override
  public String target() {
    return targets.toString();
  }

  @Override
  public String function() {
    return calls.get(0).function();
  }

  @Override
  public List<Object> arguments() {
    return calls.get(0).args();
  }

  @Override
  public List<ScriptBuffer.Call> calls() {
    return calls;
  }

  @Override
  public int proceed() {
    if (next < interceptors.length) {
      return interceptors[next++].intercept(this);
    }
    if (next++ > interceptors.length) {
      throw new IllegalStateException("proceed() was called twice for one push");
    }
    return push.getAsInt();
  }
}

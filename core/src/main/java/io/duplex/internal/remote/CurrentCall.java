package io.duplex.internal.remote;

import io.duplex.CallContext;

/** The call being served on this thread (set around each invocation by {@link CallDispatcher}). */
public final class CurrentCall {
  private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

  private CurrentCall() {}

  public static CallContext get() {
    return CURRENT.get();
  }

  /** Sets {@code context} for this thread and returns the previous one, to restore afterwards. */
  public static CallContext set(CallContext context) {
    CallContext previous = CURRENT.get();
    if (context == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(context);
    }
    return previous;
  }
}

package io.duplex.internal.reverse;

import io.duplex.JsFunction;
import io.duplex.ScriptSession;
import java.util.concurrent.atomic.AtomicBoolean;

/** A function a page sent as {@code {"$fn": handle}}; calls queue {@code handle} entries to it. */
final class JsFunctionImpl implements JsFunction {
  private final ScriptSessionImpl session;
  private final String handle;
  private final ScriptSessionManager manager;
  private final ReversePayloads payloads;
  private final AtomicBoolean released = new AtomicBoolean();

  JsFunctionImpl(ScriptSessionImpl session, String handle, ScriptSessionManager manager) {
    this.session = session;
    this.handle = handle;
    this.manager = manager;
    this.payloads = manager.payloads();
  }

  @Override
  public boolean call(Object... args) {
    if (released.get() || !session.isValid()) {
      return false;
    }
    Object[] arguments = args == null ? new Object[] {null} : args;
    io.duplex.PushInterceptor[] interceptors = manager.pushInterceptors();
    if (interceptors.length == 0) {
      return session.queue().enqueue(payloads.handleCall(handle, arguments));
    }
    return InterceptedPush.run(
            interceptors,
            session.target(),
            InterceptedPush.one(null, arguments),
            () -> session.queue().enqueue(payloads.handleCall(handle, arguments)) ? 1 : 0)
        > 0;
  }

  @Override
  public void release() {
    if (released.compareAndSet(false, true) && session.isValid()) {
      session.queue().enqueue(payloads.release(handle));
    }
  }

  @Override
  public ScriptSession session() {
    return session;
  }

  String handle() {
    return handle;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JsFunctionImpl that && that.session == session && that.handle.equals(handle);
  }

  @Override
  public int hashCode() {
    return 31 * session.hashCode() + handle.hashCode();
  }

  @Override
  public String toString() {
    return "JsFunction[" + handle + " in " + session + "]";
  }
}

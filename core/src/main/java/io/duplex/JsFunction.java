package io.duplex;

/**
 * A JavaScript function that a page passed as a call argument. Declare a parameter of this type and
 * keep the handle: {@link #call} runs the function later in that page (queued like any reverse
 * call). Handles die with their page; calling a dead handle does nothing and returns false.
 */
public interface JsFunction {
  /**
   * Queues a call of the function with {@code args}.
   *
   * @param args the arguments, converted by their runtime classes
   * @return false if its page has gone
   * @throws PushTooLargeException if the encoded call is larger than {@code maxQueuedBytes}
   */
  boolean call(Object... args);

  /** Lets the page forget the function; later calls do nothing. */
  void release();

  /** {@return the page the function lives in} */
  ScriptSession session();
}

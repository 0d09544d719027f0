package io.duplex.bench.client;

/** Where a page's engine hands the reverse calls it runs. */
interface MessageSink {
  /** {@code bench.addMessage({seq, sentNanos, ...})} ran in {@code page}, {@code receivedNanos} now. */
  void onMessage(SimPage page, long seq, long sentNanos, long receivedNanos);

  /** Any other function, or a handle call. */
  default void onOtherCall(SimPage page, String fn) {}

  /** The server dropped {@code dropped} entries of this page (overflow). */
  default void onResync(SimPage page, long dropped) {}

  MessageSink NONE = (page, seq, sentNanos, receivedNanos) -> {};
}

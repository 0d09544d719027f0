package io.duplex.internal.reverse;

import java.io.IOException;
import java.io.OutputStream;

/** SEAM STUB — replaced by the reverse implementation. */
public final class OutboundQueue {
  public void acknowledge(long seq) {}

  public boolean hasPendingAfter(long seq) {
    return false;
  }

  /** Writes one reverse object with the entries after {@code after}; returns the highest seq written. */
  public long writePending(long after, OutputStream out) throws IOException {
    out.write('{');
    out.write('}');
    return after;
  }

  /** Run after each enqueue and on session end, on the enqueuing thread. */
  public void setSignal(Runnable signal) {}

  public long lastSeq() {
    return 0;
  }
}

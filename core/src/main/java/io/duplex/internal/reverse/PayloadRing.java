package io.duplex.internal.reverse;

import java.util.Arrays;

/**
 * The payloads of one queue, oldest first, with index access, each with the {@link
 * System#nanoTime()} it was queued at (for the push-to-write latency). Sequence numbers are not
 * stored: entries of a queue are always consecutive, so an entry's seq follows from its position.
 */
final class PayloadRing {
  private byte[][] items = new byte[8][];
  private long[] queuedAt = new long[8];
  private int head;
  private int size;

  int size() {
    return size;
  }

  void addLast(byte[] payload, long nanos) {
    if (size == items.length) {
      grow();
    }
    int at = (head + size) & (items.length - 1);
    items[at] = payload;
    queuedAt[at] = nanos;
    size++;
  }

  /** When the entry at {@code index} was queued, on {@link System#nanoTime()}'s clock. */
  long queuedAt(int index) {
    return queuedAt[(head + index) & (items.length - 1)];
  }

  byte[] removeFirst() {
    byte[] payload = items[head];
    items[head] = null;
    head = (head + 1) & (items.length - 1);
    size--;
    return payload;
  }

  byte[] get(int index) {
    return items[(head + index) & (items.length - 1)];
  }

  void clear() {
    Arrays.fill(items, null);
    head = 0;
    size = 0;
  }

  private void grow() {
    byte[][] larger = new byte[items.length * 2][];
    long[] times = new long[items.length * 2];
    for (int i = 0; i < size; i++) {
      larger[i] = get(i);
      times[i] = queuedAt(i);
    }
    items = larger;
    queuedAt = times;
    head = 0;
  }
}

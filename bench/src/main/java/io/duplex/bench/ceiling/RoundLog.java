package io.duplex.bench.ceiling;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The ceiling's record of recent broadcast rounds, shared by every page (the hand-written way to
 * broadcast: no per-page queue). A page's reverse-call seq is the round minus the last round
 * before the page opened, so each page counts from 1 as the protocol says. Single writer.
 */
final class RoundLog {
  private static final int CAPACITY = 1 << 14;
  private static final int MASK = CAPACITY - 1;

  private final AtomicReferenceArray<String> entries = new AtomicReferenceArray<>(CAPACITY);
  private volatile long last;

  /** {@code tail} is the entry after its seq: {@code ,"fn":...,"args":[...]}}. */
  void append(long round, String tail) {
    entries.set((int) (round & MASK), tail);
    last = round;
  }

  long last() {
    return last;
  }

  /**
   * The entries of a page that opened after round {@code base}, after its seq {@code afterSeq}, up
   * to round {@code upTo}: comma-separated, or "" when none.
   */
  String entries(long base, long afterSeq, long upTo) {
    long from = Math.max(base + afterSeq + 1, upTo - CAPACITY + 1);
    if (from > upTo) {
      return "";
    }
    StringBuilder out = new StringBuilder(192 * (int) Math.min(64, upTo - from + 1));
    for (long round = from; round <= upTo; round++) {
      if (round > from) {
        out.append(',');
      }
      out.append("{\"seq\":").append(round - base).append(entries.get((int) (round & MASK)));
    }
    return out.toString();
  }
}

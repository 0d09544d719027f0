package io.duplex.bench.client;

import com.google.gson.JsonObject;

/**
 * One simulated browser page: its HTTP session cookie, script session, CSRF token and delivery
 * settings from the handshake, and the engine's exactly-once state ({@code lastSeq}, section 4.1).
 * Plus what the bench checks per page: messages lost, duplicated and out of order.
 */
final class SimPage {
  final int index;
  final String page;
  String cookie;
  String sessionId;
  String csrf;
  String mode;
  boolean streaming;
  long pollIntervalMillis;
  long ackIntervalMillis;
  long maxHoldMillis;

  /** The engine's reverse request counter (protocol 4.4's conn). */
  private final java.util.concurrent.atomic.AtomicLong conn = new java.util.concurrent.atomic.AtomicLong();

  long nextConn() {
    return conn.incrementAndGet();
  }

  /** The engine's lastSeq: highest reverse-call sequence number run. Guarded by this. */
  long lastSeq;
  /** Highest seq acknowledged to the server on /ack or another request. */
  volatile long ackSent;
  volatile long lastAckNanos;
  boolean ackScheduled;
  /** An /ack request not yet answered: ackNow waits for it, as the engine does. */
  volatile boolean ackPosting;
  volatile boolean streamOpen;

  // What the application saw (the message's own seq: the publishing round).
  long expectedRound = 1;
  long lost;
  long duplicated;
  long outOfOrder;
  long resyncDropped;
  long protocolDuplicates;
  long gaps;
  private long[] missing = new long[0];
  private int missingCount;

  SimPage(int index, String page) {
    this.index = index;
    this.page = page;
  }

  void handshake(JsonObject answer, String cookie) {
    this.cookie = cookie;
    this.sessionId = answer.get("session").getAsString();
    this.csrf = answer.get("csrf").getAsString();
    JsonObject reverse = answer.getAsJsonObject("reverse");
    this.mode = reverse.get("mode").getAsString();
    this.streaming = reverse.get("streaming").getAsBoolean();
    this.pollIntervalMillis = reverse.get("pollIntervalMillis").getAsLong();
    this.ackIntervalMillis = reverse.get("ackIntervalMillis").getAsLong();
    this.maxHoldMillis = reverse.get("maxHoldMillis").getAsLong();
  }

  /** Comet streaming: the only mode with /ack requests and a stream to wait for. */
  boolean streams() {
    return "comet".equals(mode) && streaming;
  }

  synchronized long lastSeq() {
    return lastSeq;
  }

  /**
   * Applies one reverse object as the engine does (section 4.1). Returns false on a gap: the page
   * stops reading this object and asks again.
   */
  synchronized boolean accept(ReverseReader reverse, MessageSink sink, long receivedNanos) {
    if (reverse.hasResync && reverse.resyncNext - 1 > lastSeq) {
      lastSeq = reverse.resyncNext - 1;
      resyncDropped += reverse.resyncDropped;
      sink.onResync(this, reverse.resyncDropped);
    }
    for (int i = 0; i < reverse.count; i++) {
      long seq = reverse.seq[i];
      if (seq <= lastSeq) {
        protocolDuplicates++;
        continue;
      }
      if (seq > lastSeq + 1) {
        gaps++;
        return false;
      }
      lastSeq = seq;
      if (reverse.fn[i] == ReverseReader.ADD_MESSAGE && reverse.messageSeq[i] >= 0) {
        sink.onMessage(this, reverse.messageSeq[i], reverse.messageSent[i], receivedNanos);
      } else {
        sink.onOtherCall(this, reverse.fn[i] == null ? "handle" : reverse.fn[i]);
      }
    }
    return true;
  }

  /**
   * Checks one application message against the rounds this page has seen. Returns how many rounds
   * this message settles for the page (more than 1 after a gap), 0 for a late one (out of order,
   * counted lost until now) and -1 for a duplicate.
   * Call with this page's monitor held (from {@link #accept}).
   */
  long checkRound(long round) {
    if (round == expectedRound) {
      expectedRound++;
      return 1;
    }
    if (round > expectedRound) {
      for (long r = expectedRound; r < round; r++) {
        addMissing(r);
      }
      lost += round - expectedRound;
      long settled = round - expectedRound + 1;
      expectedRound = round + 1;
      return settled;
    }
    if (removeMissing(round)) {
      lost--;
      outOfOrder++;
      return 0;
    }
    duplicated++;
    return -1;
  }

  /** At the end of a run: rounds up to {@code lastRound} never received count as lost. */
  synchronized long settleTail(long lastRound) {
    long tail = Math.max(0, lastRound - (expectedRound - 1));
    for (long r = expectedRound; r <= lastRound; r++) {
      addMissing(r);
    }
    lost += tail;
    expectedRound = Math.max(expectedRound, lastRound + 1);
    return tail;
  }

  /** {@link #counts()} summed over {@code pages}. */
  static long[] totals(Iterable<SimPage> pages) {
    long[] sum = new long[5];
    for (SimPage page : pages) {
      long[] counts = page.counts();
      for (int i = 0; i < sum.length; i++) {
        sum[i] += counts[i];
      }
    }
    return sum;
  }

  /** Lost, duplicated, out of order, dropped by resyncs, gaps: five figures, as {@link #totals} sums them. */
  synchronized long[] counts() {
    return new long[] {lost, duplicated, outOfOrder, resyncDropped, gaps};
  }

  private void addMissing(long round) {
    if (missingCount == missing.length) {
      missing = java.util.Arrays.copyOf(missing, Math.max(8, missing.length * 2));
    }
    missing[missingCount++] = round;
  }

  private boolean removeMissing(long round) {
    for (int i = 0; i < missingCount; i++) {
      if (missing[i] == round) {
        missing[i] = missing[--missingCount];
        return true;
      }
    }
    return false;
  }
}

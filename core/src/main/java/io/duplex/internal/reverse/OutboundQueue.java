package io.duplex.internal.reverse;

import io.duplex.QueueStats;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One page's reverse calls, numbered and kept until the page acknowledges them (protocol section
 * 4.1), bounded by {@code maxQueuedCalls} and {@code maxQueuedBytes} with resync on overflow
 * (section 4.2). Payloads are shared between the queues of a broadcast; a frame's {@code seq} is
 * only added when it is written. All methods are thread-safe; none does I/O under the lock.
 */
public final class OutboundQueue {
  private static final Logger LOG = LoggerFactory.getLogger(OutboundQueue.class);

  private static final byte[] EMPTY = bytes("{}");
  private static final byte[] CALLS_OPEN = bytes("\"calls\":[");
  private static final byte[] SEQ_OPEN = bytes("{\"seq\":");
  private static final byte[] RESYNC_OPEN = bytes("\"resync\":{\"dropped\":");
  private static final byte[] RESYNC_NEXT = bytes(",\"next\":");
  private static final byte[] ACK_NOW = bytes(",\"ackNow\":true");

  private final int maxCalls;
  private final long maxBytes;
  /**
   * A quarter of the limits: with this much unacknowledged, a write asks the page to acknowledge at
   * once ({@code ackNow}) instead of after its ack interval, so a busy page is far from overflowing
   * while a quiet one sends few acks.
   */
  private final int askCalls;
  private final long askBytes;
  private final Object lock = new Object();
  private final PayloadRing ring = new PayloadRing();
  private long lastSeq;
  private long ackedSeq;
  private long bytes;
  private long droppedTotal;
  private long droppedSinceCaughtUp;
  private long resyncNext;
  /** Highest seq ever written: an entry written again after a reconnect is not timed again. */
  private long firstWrittenUpTo;
  private boolean behind;
  private boolean ended;
  private volatile Runnable signal;
  private final PushCounters counters;

  OutboundQueue(int maxCalls, long maxBytes) {
    this(maxCalls, maxBytes, new PushCounters());
  }

  OutboundQueue(int maxCalls, long maxBytes, PushCounters counters) {
    this.maxCalls = maxCalls;
    this.maxBytes = maxBytes;
    this.askCalls = Math.max(1, maxCalls / 4);
    this.askBytes = Math.max(1, maxBytes / 4);
    this.counters = counters;
  }

  /** Queues one entry; false (and nothing queued) once the session has ended. */
  boolean enqueue(byte[] payload) {
    return enqueue(payload, System.nanoTime());
  }

  /** Queues one entry made at {@code queuedAt} ({@link System#nanoTime()}); false once ended. */
  boolean enqueue(byte[] payload, long queuedAt) {
    Runnable wake;
    synchronized (lock) {
      if (ended) {
        return false;
      }
      append(payload, queuedAt);
      wake = signal;
    }
    runSignal(wake);
    return true;
  }

  /** Queues entries with consecutive sequence numbers: nothing else lands between them. */
  boolean enqueueAll(List<byte[]> payloads) {
    return enqueueAll(payloads, System.nanoTime());
  }

  /** As {@link #enqueueAll(List)}, made at {@code queuedAt} ({@link System#nanoTime()}). */
  boolean enqueueAll(List<byte[]> payloads, long queuedAt) {
    Runnable wake;
    synchronized (lock) {
      if (ended) {
        return false;
      }
      for (byte[] payload : payloads) {
        append(payload, queuedAt);
      }
      wake = signal;
    }
    runSignal(wake);
    return true;
  }

  /**
   * Pushes meant for this page were lost before they reached the queue (the node was cut off from
   * the backplane longer than it keeps them): the page gets a {@code resync} whose {@code next} is
   * the next entry to come. What is queued now is dropped too, since the page reloads its state;
   * {@code dropped} counts those plus one for the lost pushes, whose number is unknown (they take
   * one seq).
   */
  void gap() {
    Runnable wake;
    synchronized (lock) {
      if (ended) {
        return;
      }
      long lost = ring.size() + 1L;
      counters.dropped(lost, !behind);
      ring.clear();
      bytes = 0;
      // The lost pushes take one seq, so that next - 1 is beyond what the page ran and it resyncs.
      lastSeq++;
      droppedTotal += lost;
      droppedSinceCaughtUp += lost;
      behind = true;
      resyncNext = lastSeq + 1;
      wake = signal;
    }
    runSignal(wake);
  }

  /** The page has run everything up to {@code ack}: those entries are dropped for good. */
  public void acknowledge(long ack) {
    synchronized (lock) {
      long upTo = Math.min(ack, lastSeq);
      if (upTo <= ackedSeq) {
        return;
      }
      ackedSeq = upTo;
      while (ring.size() > 0 && firstSeq() <= upTo) {
        bytes -= ring.removeFirst().length;
      }
      if (behind && ackedSeq >= resyncNext - 1) {
        behind = false;
        droppedSinceCaughtUp = 0;
      }
    }
  }

  /**
   * Whether a reader that has everything up to {@code seq} has something to receive: an entry
   * after it, or a resync it cannot have seen (one whose {@code next - 1} is beyond {@code seq}).
   */
  public boolean hasPendingAfter(long seq) {
    synchronized (lock) {
      return (ring.size() > 0 && lastSeq > seq) || (behind && resyncNext - 1 > seq);
    }
  }

  /**
   * Writes one reverse object (protocol section 4) with the entries after {@code after} and the
   * resync while the page is behind. The queue's lock is not held while writing.
   *
   * @return the highest seq the object covers: its last entry, or {@code resync.next - 1} when
   *     that is higher, or {@code after} when it covers nothing new. A stream passes it as the next
   *     {@code after}.
   */
  public long writePending(long after, OutputStream out) throws IOException {
    byte[][] payloads;
    long firstWritten;
    boolean withResync;
    long dropped;
    long next;
    // The oldest entry written here for the first time: its age is this write's latency.
    long oldestNew = 0;
    boolean timed = false;
    boolean askAck;
    synchronized (lock) {
      long first = firstSeq();
      int skip = (int) Math.max(0, Math.min(ring.size(), after - first + 1));
      payloads = new byte[ring.size() - skip][];
      for (int i = 0; i < payloads.length; i++) {
        payloads[i] = ring.get(skip + i);
      }
      firstWritten = first + skip;
      long lastWritten = firstWritten + payloads.length - 1;
      if (payloads.length > 0 && lastWritten > firstWrittenUpTo) {
        long oldestNewSeq = Math.max(firstWritten, firstWrittenUpTo + 1);
        firstWrittenUpTo = lastWritten;
        if (counters.wantsLatency()) {
          oldestNew = ring.queuedAt((int) (oldestNewSeq - first));
          timed = true;
        }
      }
      askAck = payloads.length > 0 && (ring.size() >= askCalls || bytes >= askBytes);
      withResync = behind;
      dropped = droppedSinceCaughtUp;
      next = resyncNext;
    }
    if (payloads.length == 0 && !withResync) {
      out.write(EMPTY);
      return after;
    }
    long covered = after;
    out.write('{');
    if (payloads.length > 0) {
      out.write(CALLS_OPEN);
      for (int i = 0; i < payloads.length; i++) {
        if (i > 0) {
          out.write(',');
        }
        out.write(SEQ_OPEN);
        writeNumber(out, firstWritten + i);
        out.write(',');
        out.write(payloads[i]);
        out.write('}');
      }
      out.write(']');
      covered = Math.max(covered, firstWritten + payloads.length - 1);
    }
    if (withResync) {
      if (payloads.length > 0) {
        out.write(',');
      }
      out.write(RESYNC_OPEN);
      writeNumber(out, dropped);
      out.write(RESYNC_NEXT);
      writeNumber(out, next);
      out.write('}');
      covered = Math.max(covered, next - 1);
    }
    if (askAck) {
      out.write(ACK_NOW);
    }
    out.write('}');
    if (timed) {
      counters.written(System.nanoTime() - oldestNew);
    }
    return covered;
  }

  /**
   * The held connection's wake-up, run after every enqueue and once when the session ends, on the
   * thread that queued, outside the lock. It must be cheap and must not block; null clears it.
   */
  public void setSignal(Runnable signal) {
    this.signal = signal;
  }

  /** The seq of the newest entry ever queued (0 before the first). */
  public long lastSeq() {
    synchronized (lock) {
      return lastSeq;
    }
  }

  QueueStats stats() {
    synchronized (lock) {
      return new QueueStats(ring.size(), bytes, droppedTotal, behind, lastSeq, ackedSeq);
    }
  }

  /** The session ended: everything queued is discarded and the held connection is woken. */
  void end() {
    Runnable wake;
    synchronized (lock) {
      if (ended) {
        return;
      }
      ended = true;
      ring.clear();
      bytes = 0;
      wake = signal;
    }
    runSignal(wake);
  }

  private void append(byte[] payload, long queuedAt) {
    lastSeq++;
    ring.addLast(payload, queuedAt);
    bytes += payload.length;
    while (ring.size() > 0 && (ring.size() > maxCalls || bytes > maxBytes)) {
      bytes -= ring.removeFirst().length;
      counters.dropped(!behind);
      droppedTotal++;
      droppedSinceCaughtUp++;
      behind = true;
      resyncNext = firstSeq();
    }
  }

  /** Seq of the oldest queued entry, or lastSeq + 1 when none is queued. */
  private long firstSeq() {
    return lastSeq - ring.size() + 1;
  }

  private static void runSignal(Runnable wake) {
    if (wake == null) {
      return;
    }
    try {
      wake.run();
    } catch (RuntimeException e) {
      // The signal belongs to a transport; its failure must not stop a broadcast to other pages.
      LOG.warn("Reverse-call signal failed", e);
    }
  }

  private static void writeNumber(OutputStream out, long value) throws IOException {
    if (value < 0) {
      out.write('-');
      value = -value;
    }
    byte[] digits = new byte[20];
    int at = digits.length;
    do {
      digits[--at] = (byte) ('0' + value % 10);
      value /= 10;
    } while (value > 0);
    out.write(digits, at, digits.length - at);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}

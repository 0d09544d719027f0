package io.duplex.internal.reverse;

import static io.duplex.internal.reverse.TestPages.parse;
import static io.duplex.internal.reverse.TestPages.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.QueueStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {
  private static byte[] call(int n) {
    return ("\"fn\":\"f\",\"args\":[" + n + "]").getBytes(StandardCharsets.UTF_8);
  }

  private static OutboundQueue queueOf(int maxCalls, long maxBytes, int entries) {
    OutboundQueue queue = new OutboundQueue(maxCalls, maxBytes);
    for (int i = 1; i <= entries; i++) {
      queue.enqueue(call(i));
    }
    return queue;
  }

  @Test
  void emptyQueueWritesEmptyObject() throws IOException {
    OutboundQueue queue = new OutboundQueue(10, 1000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertEquals(0, queue.writePending(0, out));
    assertEquals("{}", out.toString(StandardCharsets.UTF_8));
    assertFalse(queue.hasPendingAfter(0));
  }

  @Test
  void entriesAreNumberedFromOneAndFramedWithTheirSeq() {
    OutboundQueue queue = queueOf(100, 10_000, 3);

    assertEquals(
        "{\"calls\":[{\"seq\":1,\"fn\":\"f\",\"args\":[1]},{\"seq\":2,\"fn\":\"f\",\"args\":[2]},"
            + "{\"seq\":3,\"fn\":\"f\",\"args\":[3]}]}",
        write(queue, 0));
    assertEquals(3, queue.lastSeq());
  }

  @Test
  void writePendingReturnsTheHighestSeqWritten() throws IOException {
    OutboundQueue queue = queueOf(10, 1000, 4);

    assertEquals(4, queue.writePending(1, new ByteArrayOutputStream()));
    assertEquals(7, queue.writePending(7, new ByteArrayOutputStream()));
  }

  @Test
  void unacknowledgedEntriesAreResentAndAcknowledgedOnesAreGone() {
    OutboundQueue queue = queueOf(10, 1000, 5);
    write(queue, 0); // delivered, but the connection dropped before the page acknowledged

    queue.acknowledge(3);

    assertEquals(List.of(4L, 5L), seqs(write(queue, 3)));
    assertEquals(List.of(4L, 5L), seqs(write(queue, 0)), "acknowledged entries are never resent");
    assertEquals(List.of(5L), seqs(write(queue, 4)), "a stream sends only what it has not written");
    assertTrue(queue.hasPendingAfter(4));
    assertFalse(queue.hasPendingAfter(5));
    QueueStats stats = queue.stats();
    assertEquals(2, stats.depth());
    assertEquals(3, stats.ackedSeq());
    assertEquals(5, stats.lastSeq());
    assertEquals(call(4).length + call(5).length, stats.bytes());
  }

  @Test
  void aQuarterOfTheCallLimitUnacknowledgedAsksThePageToAcknowledgeAtOnce() {
    OutboundQueue queue = queueOf(40, 1 << 20, 9);
    assertFalse(parse(write(queue, 0)).has("ackNow"), "9 of 40: the page acks on its interval");

    queue.enqueue(call(10));
    var reverse = parse(write(queue, 9));
    assertTrue(reverse.get("ackNow").getAsBoolean(), "10 of 40 unacknowledged");
    assertEquals(List.of(10L), seqs(reverse.toString()));
    assertTrue(parse(write(queue, 10 - 1)).has("ackNow"), "asked again until the ack is read");

    queue.acknowledge(10);
    queue.enqueue(call(11));
    assertFalse(parse(write(queue, 10)).has("ackNow"));
    assertEquals("{}", write(queue, 11), "nothing written: nothing asked");
  }

  @Test
  void aQuarterOfTheByteLimitUnacknowledgedAsksToo() {
    int size = call(1).length;
    OutboundQueue queue = queueOf(1000, 8L * size, 1);
    assertFalse(parse(write(queue, 0)).has("ackNow"));

    queue.enqueue(call(2));
    assertTrue(parse(write(queue, 1)).has("ackNow"), "2 entries are a quarter of 8 entries' bytes");
  }

  @Test
  void staleAcknowledgementChangesNothing() {
    OutboundQueue queue = queueOf(10, 1000, 5);
    queue.acknowledge(4);
    queue.acknowledge(2);

    assertEquals(4, queue.stats().ackedSeq());
    assertEquals(List.of(5L), seqs(write(queue, 0)));
  }

  @Test
  void acknowledgementBeyondTheLastSeqIsClamped() {
    OutboundQueue queue = queueOf(10, 1000, 2);
    queue.acknowledge(100);
    assertEquals(2, queue.stats().ackedSeq());

    queue.enqueue(call(3));
    queue.enqueue(call(4));
    assertEquals(List.of(3L, 4L), seqs(write(queue, 2)));
    queue.acknowledge(4);
    assertEquals(0, queue.stats().depth());
  }

  @Test
  void overflowByCountDropsTheOldestAndReportsResync() {
    OutboundQueue queue = queueOf(3, 1000, 5);

    var reverse = parse(write(queue, 0));
    assertEquals(List.of(3L, 4L, 5L), seqs(reverse.toString()));
    assertEquals(parse("{\"dropped\":2,\"next\":3}"), reverse.getAsJsonObject("resync"));
    QueueStats stats = queue.stats();
    assertEquals(3, stats.depth());
    assertEquals(2, stats.dropped());
    assertTrue(stats.behind());
  }

  @Test
  void overflowByBytesDropsTheOldest() {
    int size = call(1).length;
    OutboundQueue queue = queueOf(100, 2L * size, 3);

    var reverse = parse(write(queue, 0));
    assertEquals(List.of(2L, 3L), seqs(reverse.toString()));
    assertEquals(parse("{\"dropped\":1,\"next\":2}"), reverse.getAsJsonObject("resync"));
    assertEquals(2L * size, queue.stats().bytes());
  }

  @Test
  void resyncIsRepeatedUntilThePageCatchesUp() {
    OutboundQueue queue = queueOf(3, 1000, 5);

    queue.acknowledge(1); // an old ack: the page has not seen the resync yet
    assertTrue(parse(write(queue, 1)).has("resync"));
    assertTrue(queue.stats().behind());

    queue.acknowledge(2); // the page applied resync.next - 1
    var reverse = parse(write(queue, 2));
    assertFalse(reverse.has("resync"));
    assertEquals(List.of(3L, 4L, 5L), seqs(reverse.toString()));
    assertFalse(queue.stats().behind());
    assertEquals(2, queue.stats().dropped(), "the total is kept");
  }

  @Test
  void droppedCountsOnlySinceThePageLastCaughtUp() {
    OutboundQueue queue = queueOf(2, 1000, 4); // drops 1, 2
    queue.acknowledge(3); // caught up
    queue.enqueue(call(5));
    queue.enqueue(call(6)); // drops 4

    var reverse = parse(write(queue, 3));
    assertEquals(parse("{\"dropped\":1,\"next\":5}"), reverse.getAsJsonObject("resync"));
    assertEquals(3, queue.stats().dropped());
  }

  @Test
  void anEntryTooLargeForTheQueueIsDroppedVisibly() throws IOException {
    OutboundQueue queue = new OutboundQueue(10, 4);
    queue.enqueue(call(1));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(1, queue.writePending(0, out), "the resync covers seq 1");
    assertEquals("{\"resync\":{\"dropped\":1,\"next\":2}}", out.toString(StandardCharsets.UTF_8));
    assertTrue(queue.hasPendingAfter(0));
    assertFalse(queue.hasPendingAfter(1), "a stream that wrote the resync has nothing more to write");
    queue.acknowledge(1);
    assertFalse(queue.stats().behind());
  }

  @Test
  void signalRunsAfterEachEnqueueAndOnEndOutsideTheLock() throws Exception {
    OutboundQueue queue = new OutboundQueue(10, 1000);
    AtomicInteger signals = new AtomicInteger();
    AtomicBoolean lockFree = new AtomicBoolean(true);
    queue.setSignal(
        () -> {
          signals.incrementAndGet();
          // Another thread must be able to use the queue while the signal runs.
          Thread reader = new Thread(queue::lastSeq);
          reader.start();
          try {
            reader.join(5_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          lockFree.compareAndSet(true, !reader.isAlive());
        });

    queue.enqueue(call(1));
    queue.enqueueAll(List.of(call(2), call(3)));
    assertEquals(2, signals.get());

    queue.end();
    queue.end();
    assertEquals(3, signals.get());
    assertTrue(lockFree.get());

    assertFalse(queue.enqueue(call(4)), "nothing is queued to an ended session");
    assertEquals(3, signals.get());

    queue.setSignal(null);
  }

  @Test
  void clearedSignalIsNotRun() {
    OutboundQueue queue = new OutboundQueue(10, 1000);
    AtomicInteger signals = new AtomicInteger();
    queue.setSignal(signals::incrementAndGet);
    queue.setSignal(null);

    queue.enqueue(call(1));

    assertEquals(0, signals.get());
  }

  @Test
  void failingSignalDoesNotLoseTheEntry() {
    OutboundQueue queue = new OutboundQueue(10, 1000);
    queue.setSignal(
        () -> {
          throw new IllegalStateException("transport bug (expected by the test)");
        });

    assertTrue(queue.enqueue(call(1)));
    assertEquals(List.of(1L), seqs(write(queue, 0)));
  }

  @Test
  void ringKeepsOrderAcrossGrowthAndWrapAround() {
    OutboundQueue queue = new OutboundQueue(1000, 1 << 20);
    long acked = 0;
    for (int round = 0; round < 50; round++) {
      for (int i = 0; i < 7; i++) {
        queue.enqueue(call(round * 7 + i));
      }
      acked += 5;
      queue.acknowledge(acked);
    }
    List<Long> expected = new java.util.ArrayList<>();
    for (long seq = acked + 1; seq <= 350; seq++) {
      expected.add(seq);
    }
    String written = write(queue, 0);
    assertEquals(expected, seqs(written));
    assertTrue(written.contains("{\"seq\":350,\"fn\":\"f\",\"args\":[349]}"));
  }

  static List<Long> seqs(String reverseJson) {
    var reverse = parse(reverseJson);
    if (!reverse.has("calls")) {
      return List.of();
    }
    return reverse.getAsJsonArray("calls").asList().stream()
        .map(call -> call.getAsJsonObject().get("seq").getAsLong())
        .toList();
  }

  @Test
  void aBackplaneGapResyncsThePageEvenWhenItRanEverything() {
    OutboundQueue queue = queueOf(10, 1000, 2);
    queue.acknowledge(2);

    queue.gap();

    // The page ran 1 and 2; next - 1 = 3 is beyond that, so it resyncs; 4 is the next entry.
    assertTrue(queue.hasPendingAfter(2));
    assertEquals("{\"resync\":{\"dropped\":1,\"next\":4}}", write(queue, 2));
    queue.enqueue(call(4));
    assertEquals("{\"calls\":[{\"seq\":4,\"fn\":\"f\",\"args\":[4]}],\"resync\":{\"dropped\":1,\"next\":4}}", write(queue, 3));
    queue.acknowledge(3);
    assertEquals("{\"calls\":[{\"seq\":4,\"fn\":\"f\",\"args\":[4]}]}", write(queue, 3));
  }

  @Test
  void aBackplaneGapCountsInPushCounts() {
    PushCounters counters = new PushCounters();
    OutboundQueue queue = new OutboundQueue(10, 1000, counters);
    queue.enqueue(call(1));

    queue.gap();

    // The queued entry and the lost pushes (one seq) are dropped; the page is told to resync once.
    assertEquals(2, counters.snapshot().dropped());
    assertEquals(1, counters.snapshot().resyncs());
  }
}

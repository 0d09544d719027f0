package io.duplex.internal.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.DuplexMetrics;
import io.duplex.QueueTotals;
import io.duplex.internal.MetricsListeners;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Push-to-write latency: one report per first write, the oldest new entry's age; queue totals. */
class PushLatencyTest {
  private final TestPages pages = new TestPages(b -> b.maxQueuedCalls(3));
  private final List<Long> latencies = new CopyOnWriteArrayList<>();
  private final MetricsListeners listeners = new MetricsListeners();

  @AfterEach
  void close() {
    pages.close();
  }

  private void listen() {
    listeners.add(new DuplexMetrics() {
      @Override
      public void callCompleted(String service, String method, String errorCode, long nanos) {}

      @Override
      public void pushWritten(long nanos) {
        latencies.add(nanos);
      }
    });
    pages.manager.pushCounters().reportTo(listeners);
  }

  @Test
  void eachFirstWriteReportsTheAgeOfItsOldestNewEntryAndARewriteReportsNothing() {
    listen();
    ScriptSessionImpl page = pages.open("/p");
    pages.manager.browser().call("first");
    long waited = TimeUnit.MILLISECONDS.toNanos(30);
    LockSupport.parkNanos(waited); // the entry's age is what is measured: it must be at least this
    pages.manager.browser().call("second");

    TestPages.write(page.queue(), 0);
    assertEquals(1, latencies.size(), "one write, one report");
    assertTrue(latencies.get(0) >= waited, "the oldest entry's age: " + latencies.get(0));

    TestPages.write(page.queue(), 0); // a reconnect's resend of the same entries
    assertEquals(1, latencies.size(), "entries written before are not timed again");

    pages.manager.browser().call("third");
    TestPages.write(page.queue(), 2);
    assertEquals(2, latencies.size());
    assertTrue(latencies.get(1) < waited, "only the new entry counts: " + latencies.get(1));

    TestPages.write(page.queue(), 3); // nothing new: an empty object
    assertEquals(2, latencies.size());
  }

  @Test
  void withoutListenersNothingIsReported() {
    pages.manager.pushCounters().reportTo(listeners);
    ScriptSessionImpl page = pages.open("/p");
    pages.manager.browser().call("x");
    TestPages.write(page.queue(), 0);
    listen();
    TestPages.write(page.queue(), 0);
    assertEquals(List.of(), latencies);
  }

  @Test
  void queueTotalsSumEveryOpenPage() {
    pages.open("/a");
    pages.open("/b");
    pages.open("/b");
    pages.manager.browser().page("/b").call("f", "12345");
    for (int i = 0; i < 4; i++) {
      pages.manager.browser().page("/a").call("g"); // the fourth overflows /a's queue of 3
    }

    QueueTotals totals = pages.manager.queueTotals();

    assertEquals(3, totals.pages());
    int bEntry = "\"fn\":\"f\",\"args\":[\"12345\"]".length();
    int aEntry = "\"fn\":\"g\",\"args\":[]".length();
    assertEquals(3 + 2, totals.entries(), "three on /a (one dropped), one on each /b");
    assertEquals(2L * bEntry + 3L * aEntry, totals.bytes());
    assertEquals(3, totals.maxDepth());
    assertEquals(1, totals.behind());
  }
}

package io.duplex.servlet.internal.reverse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.Duplex;
import io.duplex.DuplexConfig;
import io.duplex.servlet.Await;
import io.duplex.internal.HeldConnectionCounters;
import io.duplex.internal.convert.JsonConverter;
import io.duplex.internal.reverse.ScriptSessionManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pump threads write every held connection, the timer threads sweep them all: neither must wait
 * while another thread holds a connection's lock (as a container thread does while it writes a
 * poll's first answer), and what was pushed or came due meanwhile for that connection must still be
 * done once the lock is free.
 */
class PumpSkipsHeldLockTest {
  private static final Duration FEW_SECONDS = Duration.ofSeconds(5);
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService pumpThread = Executors.newSingleThreadExecutor();
  private final ExecutorService writer = Executors.newSingleThreadExecutor();
  private ScriptSessionManager manager;

  @AfterEach
  void stop() {
    timers.shutdownNow();
    pumpThread.shutdownNow();
    writer.shutdownNow();
    if (manager != null) {
      manager.close();
    }
  }

  @Test
  void aPumpWritesOtherPagesWhileOneConnectionsLockIsHeldAndThatOneIsWrittenAfter() throws Exception {
    // One pump thread, as if the other were busy too: a wait on one connection stops all delivery.
    Stalled pages = stallOneOfTwo(60_000, 1_000);

    manager.browser().page("/slow").call("first");
    manager.browser().page("/other").call("second");
    Await.until(() -> pages.otherSink.has("second"),
        () -> "the other page's push written while the slow connection's lock is held; other got: " + pages.otherSink,
        FEW_SECONDS);

    pages.slowSink.release.countDown();
    Await.until(() -> pages.slowSink.has("first"),
        () -> "the push that came while the lock was held, written once it is free; slow got: " + pages.slowSink,
        FEW_SECONDS);
  }

  @Test
  void theSweepAndTimersDoNotWaitForAHeldLockAndTheHolderDoesTheirWork() throws Exception {
    // A heartbeat after 20 ms of quiet: the sweep has work for both at every round.
    Stalled pages = stallOneOfTwo(20, 0);

    // A timer of the slow connection comes due, then the sweep runs again and again (one timer
    // thread for the sweep and the long-poll timers, as ReverseHandler's are few).
    pages.slow.later(out -> out.ascii("{\"late\":1}\n"), 0);
    timers.scheduleWithFixedDelay(pages.holding.registry()::sweep, 5, 5, TimeUnit.MILLISECONDS);
    Await.until(() -> pages.otherSink.count("\"hb\"") >= 3,
        () -> "the other page's heartbeats go on while the slow connection's lock is held; other got: " + pages.otherSink,
        FEW_SECONDS);
    assertFalse(pages.slowSink.toString().contains("late"), "not run without the lock");

    pages.slowSink.release.countDown();
    Await.until(() -> pages.slowSink.toString().contains("\"late\"") && pages.slowSink.count("\"hb\"") >= 1,
        () -> "the timer's and the sweep's work done once the lock is free; slow got: " + pages.slowSink, FEW_SECONDS);
  }

  /** Two streamed pages, /slow and /other, one pump thread; another thread sits inside /slow's write. */
  private Stalled stallOneOfTwo(long heartbeatMillis, long sweepMillis) throws Exception {
    DuplexConfig config;
    try (Duplex duplex = Duplex.builder().build()) {
      config = duplex.config();
    }
    manager = new ScriptSessionManager(config);
    manager.useConverter(JsonConverter.builder().register(manager.converterExtension()).build());
    Holding holding = new Holding(new HeldConnections(10), new Pumps(pumpThread, 1), timers, 600_000,
        new HeldConnectionCounters());
    RecordingSink slowSink = new RecordingSink();
    RecordingSink otherSink = new RecordingSink();
    StreamConnection slow = new StreamConnection(manager.create("/slow", "owner-1", "http-1", null), 0, 0, holding,
        heartbeatMillis, sweepMillis);
    StreamConnection other = new StreamConnection(manager.create("/other", "owner-2", "http-2", null), 0, 0, holding,
        heartbeatMillis, sweepMillis);
    slow.start(slowSink);
    other.start(otherSink);

    slowSink.stallNext = true;
    writer.submit(() -> slow.append(out -> out.ascii("{\"held\":true}\n")));
    assertTrue(slowSink.stalled.await(5, TimeUnit.SECONDS), "the writer is inside the slow connection's write");
    return new Stalled(holding, slow, slowSink, otherSink);
  }

  private record Stalled(Holding holding, StreamConnection slow, RecordingSink slowSink, RecordingSink otherSink) {}

  /** A sink that is always ready, keeps what it is given, and can stall its next write. */
  private static final class RecordingSink implements Sink {
    private final StringBuffer text = new StringBuffer();
    final CountDownLatch stalled = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean stallNext;

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      text.append(new String(bytes, offset, length, StandardCharsets.UTF_8));
      if (stallNext) {
        stallNext = false;
        stalled.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void complete(HeldConnection.Reason reason) {}

    int count(String text) {
      String all = this.text.toString();
      int n = 0;
      for (int at = all.indexOf(text); at >= 0; at = all.indexOf(text, at + 1)) {
        n++;
      }
      return n;
    }

    boolean has(String function) {
      return text.toString().contains("\"" + function + "\"");
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }
}

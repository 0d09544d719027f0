package io.duplex.bench.jmh;

import io.duplex.Duplex;
import io.duplex.bench.app.BenchPage;
import io.duplex.bench.app.Message;
import io.duplex.bench.server.BenchTarget;
import io.duplex.internal.DuplexRuntime;
import io.duplex.internal.reverse.ScriptSessionImpl;
import io.duplex.internal.reverse.ScriptSessionManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Enqueuing one broadcast, {@code addMessage(message)} through a typed proxy targeted by page URL,
 * to N open pages: what the publishing thread pays. Its growth with N is the queueing alone (the
 * argument is converted once). Pages acknowledge everything every 256 broadcasts, as live pages
 * do, so queues stay short; that cost is inside the figure (under 1%).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BroadcastBenchmark {
  private static final String TEXT = "The quick brown fox jumps over the lazy dog 0123!?";

  @Param({"100", "1000", "10000"})
  public int sessions;

  private Duplex duplex;
  private BenchPage pages;
  private final List<ScriptSessionImpl> open = new ArrayList<>();
  private long seq;

  @Setup(Level.Trial)
  public void setUp() {
    // Pages made here never make a request: without a long first-contact timeout they would end
    // mid-measurement.
    duplex = Duplex.builder().firstContactTimeoutMillis(24 * 3_600_000L).build();
    ScriptSessionManager manager = DuplexRuntime.of(duplex).sessions();
    for (int i = 0; i < sessions; i++) {
      open.add(manager.create(BenchTarget.BROADCAST_PAGE, "owner-" + i, "http-" + i, null));
    }
    pages = duplex.browser().page(BenchTarget.BROADCAST_PAGE).proxy(BenchPage.class);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    duplex.close();
  }

  @Benchmark
  public void broadcastOneMessage() {
    long s = ++seq;
    pages.addMessage(new Message(s, System.nanoTime(), TEXT));
    if ((s & 255) == 0) {
      for (ScriptSessionImpl session : open) {
        session.queue().acknowledge(Long.MAX_VALUE);
      }
    }
  }
}

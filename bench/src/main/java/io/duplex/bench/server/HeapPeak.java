package io.duplex.bench.server;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's heap high-water marks since the last {@link #reset()}, sampled every 20 ms: used
 * heap (garbage included) and the heap left after the most recent GC (what the server really
 * holds), for W4's "how much can an attacker make the server hold".
 */
public final class HeapPeak {
  private static final AtomicLong USED = new AtomicLong();
  private static final AtomicLong AFTER_GC = new AtomicLong();
  private static final List<MemoryPoolMXBean> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP)
      .toList();
  private static volatile Thread sampler;

  private HeapPeak() {}

  /** Starts sampling (once) and forgets the marks so far. */
  public static synchronized void reset() {
    USED.set(0);
    AFTER_GC.set(0);
    if (sampler == null) {
      Thread thread = new Thread(HeapPeak::sample, "bench-heap-peak");
      thread.setDaemon(true);
      thread.start();
      sampler = thread;
    }
    sampleOnce();
  }

  /** Peak used heap in bytes since {@link #reset()}, or -1 if never reset. */
  public static long used() {
    return sampler == null ? -1 : USED.get();
  }

  /** Peak heap after a GC in bytes since {@link #reset()}, or -1 if never reset. */
  public static long afterGc() {
    return sampler == null ? -1 : AFTER_GC.get();
  }

  private static void sample() {
    while (true) {
      sampleOnce();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static void sampleOnce() {
    USED.accumulateAndGet(ProcessStats.usedHeap(), Math::max);
    long afterGc = 0;
    for (MemoryPoolMXBean pool : HEAP_POOLS) {
      MemoryUsage usage = pool.getCollectionUsage();
      if (usage != null) {
        afterGc += usage.getUsed();
      }
    }
    AFTER_GC.accumulateAndGet(afterGc, Math::max);
  }
}

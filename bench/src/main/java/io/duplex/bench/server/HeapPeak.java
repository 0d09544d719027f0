package io.duplex.bench.server;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The server's heap high-water marks since the last {@link #reset()}: used heap (garbage included,
 * sampled every 20 ms) and the heap left after a GC (from every GC's notification: what the server
 * really holds), for W4's "how much can an attacker make the server hold".
 */
public final class HeapPeak {
  private static final AtomicLong USED = new AtomicLong();
  private static final AtomicLong AFTER_GC = new AtomicLong();
  private static final AtomicLong LAST_AFTER_GC = new AtomicLong();
  private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP)
      .map(MemoryPoolMXBean::getName)
      .collect(Collectors.toSet());
  private static volatile Thread sampler;

  private HeapPeak() {}

  /** Starts sampling (once) and forgets the marks so far. */
  public static synchronized void reset() {
    USED.set(0);
    AFTER_GC.set(LAST_AFTER_GC.get());
    if (sampler == null) {
      listenToGcs();
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
  }

  private static void listenToGcs() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener((notification, handback) -> {
          if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long after = 0;
            for (var pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
              if (HEAP_POOLS.contains(pool.getKey())) {
                MemoryUsage usage = pool.getValue();
                after += usage.getUsed();
              }
            }
            LAST_AFTER_GC.set(after);
            AFTER_GC.accumulateAndGet(after, Math::max);
          }
        }, null, null);
      }
    }
  }
}

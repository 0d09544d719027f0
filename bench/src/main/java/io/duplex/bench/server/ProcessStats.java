package io.duplex.bench.server;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Heap, threads, RSS and CPU time of this JVM, as the bench reports them. */
public final class ProcessStats {
  private ProcessStats() {}

  /** Runs full GCs until the used heap stops shrinking, then returns it in bytes. */
  public static long heapAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      long now = usedHeap();
      if (now >= used - 64 * 1024) {
        return Math.min(now, used);
      }
      used = now;
    }
    return used;
  }

  public static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /**
   * Bytes of direct (off-heap) NIO buffers: where Jetty keeps its pooled network and response
   * buffers by default, outside the heap figures.
   */
  public static long directBytes() {
    for (java.lang.management.BufferPoolMXBean pool
        : ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        return pool.getTotalCapacity();
      }
    }
    return 0;
  }

  public static int threads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  /**
   * Live threads not in the bench's Jetty pool: the framework's own (and the JVM's). The pool
   * grows for bursts of requests and shrinks by one thread per idle period, whatever N is.
   */
  public static int threadsOutsidePool() {
    int count = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (!thread.getName().startsWith(BenchJetty.POOL_NAME)) {
        count++;
      }
    }
    return count;
  }

  /** Resident set size in bytes, from /proc (0 where there is no /proc). */
  public static long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          String kb = line.substring(6).trim().split("\\s+")[0];
          return Long.parseLong(kb) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  /** CPU time this process has used, all threads, in nanoseconds. */
  public static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /**
   * CPU time the whole machine spent busy (every process and the kernel), in nanoseconds, from
   * /proc/stat (USER_HZ = 100); -1 where there is no /proc.
   */
  public static long machineBusyNanos() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        busy += Long.parseLong(f[i]);
      }
      return busy * 10_000_000L;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  public static String gcNames() {
    List<String> names = new ArrayList<>();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      names.add(gc.getName());
    }
    return String.join(", ", names);
  }
}

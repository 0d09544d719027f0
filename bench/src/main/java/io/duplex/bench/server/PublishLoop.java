package io.duplex.bench.server;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives the broadcast workload on the server: publishes rounds at a fixed rate (or as fast as it
 * may) while never more than {@code window} rounds are not yet delivered to every page. The client
 * reports delivery progress through {@link #delivered(long)}. One run at a time.
 */
public final class PublishLoop {
  /** A 50-character message text, the same in every round. */
  public static final String TEXT = "The quick brown fox jumps over the lazy dog 0123!?";

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final BenchTarget target;
  private final Object progress = new Object();
  private long published;
  private volatile long delivered;

  public PublishLoop(BenchTarget target) {
    this.target = target;
  }

  /** Every page has received every round up to {@code round}. */
  public void delivered(long round) {
    synchronized (progress) {
      if (round > delivered) {
        delivered = round;
        progress.notifyAll();
      }
    }
  }

  /**
   * Publishes for {@code seconds}; {@code ratePerSecond} 0 means as fast as the window allows.
   * Runs on the calling thread and returns what it did.
   */
  public synchronized Report run(double ratePerSecond, double seconds, int window) throws InterruptedException {
    return run(ratePerSecond, seconds, window, false);
  }

  /** As {@link #run(double, double, int)}; {@code topic}: publishes to {@link BenchTarget#TOPIC}. */
  public synchronized Report run(double ratePerSecond, double seconds, int window, boolean topic)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    long period = ratePerSecond > 0 ? (long) (1e9 / ratePerSecond) : 0;
    long next = start;
    long first = published + 1;
    long cpuTotal = 0;
    long wallTotal = 0;
    long wallMax = 0;
    long stalledNanos = 0;
    int pages = target.broadcastPages();
    boolean cpuTimed = THREADS.isCurrentThreadCpuTimeSupported();
    while (true) {
      long now = System.nanoTime();
      if (period > 0 && now < next) {
        LockSupport.parkNanos(next - now);
        continue;
      }
      if (now >= deadline) {
        break;
      }
      long stallStart = now;
      synchronized (progress) {
        while (published - delivered >= window && (now = System.nanoTime()) < deadline) {
          progress.wait(Math.max(1, (deadline - now) / 1_000_000));
        }
      }
      now = System.nanoTime();
      stalledNanos += now - stallStart;
      if (now >= deadline) {
        break;
      }
      long seq = ++published;
      long cpu0 = cpuTimed ? THREADS.getCurrentThreadCpuTime() : 0;
      long sent = System.nanoTime();
      if (topic) {
        target.publishToTopic(seq, sent, TEXT);
      } else {
        target.publish(seq, sent, TEXT);
      }
      long wall = System.nanoTime() - sent;
      cpuTotal += cpuTimed ? THREADS.getCurrentThreadCpuTime() - cpu0 : 0;
      wallTotal += wall;
      wallMax = Math.max(wallMax, wall);
      if (period > 0) {
        // A round that starts late does not make the next ones burst to catch up.
        next = Math.max(next + period, System.nanoTime() - period);
      }
    }
    long rounds = published - first + 1;
    return new Report(
        pages, first, published, rounds,
        rounds == 0 ? 0 : cpuTotal / rounds,
        rounds == 0 ? 0 : wallTotal / rounds,
        wallMax, stalledNanos, System.nanoTime() - start);
  }

  /**
   * @param pages pages on the broadcast page when the run started
   * @param firstSeq first round published (lastSeq + 1 when nothing was published)
   * @param lastSeq last round published
   * @param cpuNanosPerRound CPU time of the publishing thread per round (what publish() costs it)
   * @param wallNanosPerRound wall time per publish() call
   */
  public record Report(
      int pages, long firstSeq, long lastSeq, long rounds, long cpuNanosPerRound,
      long wallNanosPerRound, long wallNanosMax, long stalledNanos, long elapsedNanos) {}
}

package io.duplex.servlet.internal.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionLockTest {
  @Test
  void theOwnerReentersAndOtherThreadsWaitUntilItsLastUnlock() throws Exception {
    ConnectionLock lock = new ConnectionLock();
    lock.lock();
    assertTrue(lock.tryLock(), "reentrant");
    assertEquals(2, lock.holdCount());
    assertFalse(CompletableFuture.supplyAsync(lock::tryLock).get(5, TimeUnit.SECONDS), "held by another thread");
    assertEquals(0, CompletableFuture.supplyAsync(lock::holdCount).get(5, TimeUnit.SECONDS));

    CountDownLatch waiting = new CountDownLatch(1);
    CompletableFuture<Integer> waiter = CompletableFuture.supplyAsync(() -> {
      waiting.countDown();
      lock.lock();
      try {
        return lock.holdCount();
      } finally {
        lock.unlock();
      }
    });
    waiting.await();
    lock.unlock();
    assertEquals(1, lock.holdCount());
    assertFalse(waiter.isDone(), "still held once: the waiter cannot be in");
    lock.unlock();
    assertEquals(1, waiter.get(5, TimeUnit.SECONDS), "the waiter got it after the last unlock");
    assertEquals(0, lock.holdCount());
    assertTrue(lock.tryLock(), "free again");
    lock.unlock();
  }

  @Test
  void onlyTheOwnerUnlocks() throws Exception {
    ConnectionLock lock = new ConnectionLock();
    assertThrows(IllegalMonitorStateException.class, lock::unlock, "not held");
    lock.lock();
    CompletableFuture<Void> other = CompletableFuture.runAsync(lock::unlock);
    var failure = assertThrows(java.util.concurrent.ExecutionException.class, () -> other.get(5, TimeUnit.SECONDS));
    assertTrue(failure.getCause() instanceof IllegalMonitorStateException);
    assertEquals(1, lock.holdCount());
    lock.unlock();
  }

  @Test
  void excludesManyThreads() throws Exception {
    ConnectionLock lock = new ConnectionLock();
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    int[] counter = {0};
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 20_000; i++) {
          if (i % 2 == 0) {
            lock.lock();
          } else if (!lock.tryLock()) {
            continue;
          }
          try {
            if (inside.incrementAndGet() > 1) {
              overlaps.incrementAndGet();
            }
            counter[0]++;
            inside.decrementAndGet();
          } finally {
            lock.unlock();
          }
        }
      });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join(30_000);
    }
    assertEquals(0, overlaps.get());
    assertTrue(counter[0] >= 4 * 10_000, "every lock() got in: " + counter[0]);
  }
}

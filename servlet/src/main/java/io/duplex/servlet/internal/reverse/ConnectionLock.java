package io.duplex.servlet.internal.reverse;

import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A held connection's reentrant lock, as {@link java.util.concurrent.locks.ReentrantLock} without
 * its owner field: that field is a reference to the owning {@link Thread}, so every acquisition
 * (one per delivery to each page) is a reference store into a long-lived object, which G1 must
 * record (a dirty card) and later rescan. This lock keeps the owner's thread id, a plain long.
 * Waiters queue as in {@code ReentrantLock} (non-fair).
 */
final class ConnectionLock extends AbstractQueuedSynchronizer {
  /** The owner's {@link Thread#getId()}, 0 when free; written by the owner, read as ReentrantLock reads its owner. */
  private long ownerId;

  boolean tryLock() {
    return tryAcquire(1);
  }

  void lock() {
    acquire(1);
  }

  void unlock() {
    release(1);
  }

  /** How many times the current thread holds this lock (0 when it does not). */
  int holdCount() {
    return ownerId == currentId() ? getState() : 0;
  }

  @Override
  protected boolean tryAcquire(int n) {
    long me = currentId();
    int held = getState();
    if (held == 0) {
      if (compareAndSetState(0, n)) {
        ownerId = me;
        return true;
      }
      return false;
    }
    if (ownerId == me) {
      setState(held + n);
      return true;
    }
    return false;
  }

  @Override
  protected boolean tryRelease(int n) {
    if (ownerId != currentId()) {
      throw new IllegalMonitorStateException("not held by this thread");
    }
    int left = getState() - n;
    if (left == 0) {
      ownerId = 0;
    }
    setState(left);
    return left == 0;
  }

  @Override
  protected boolean isHeldExclusively() {
    return ownerId == currentId();
  }

  @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; this module targets 17
  private static long currentId() {
    return Thread.currentThread().getId();
  }
}

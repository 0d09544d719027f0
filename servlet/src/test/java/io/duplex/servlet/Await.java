package io.duplex.servlet;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, checking often: tests never sleep for a fixed time. */
public final class Await {
  public static final Duration DEFAULT = Duration.ofSeconds(20);

  private Await() {}

  public static void until(BooleanSupplier condition, String what) {
    until(condition, what, DEFAULT);
  }

  public static void until(BooleanSupplier condition, String what, Duration timeout) {
    until(condition, () -> what, timeout);
  }

  /** Like {@link #until(BooleanSupplier, String)}; {@code what} is asked only on timeout, so it can report state. */
  public static void until(BooleanSupplier condition, Supplier<String> what) {
    until(condition, what, DEFAULT);
  }

  /** Like {@link #until(BooleanSupplier, Supplier)} with its own deadline. */
  public static void until(BooleanSupplier condition, Supplier<String> what, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + timeout + " waiting for " + what.get());
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted waiting for " + what.get(), e);
      }
    }
  }
}

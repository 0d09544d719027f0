package io.duplex.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.duplex.Duplex;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class DemosTest {
  private static final String TIMER_THREAD = "duplex-samples-simulators";

  @Test
  void simulatorsRunOnADaemonThreadFromStartUntilClose() throws Exception {
    Demos demos =
        new Demos(DemoSettings.defaults().withCallerPeriod(Duration.ofMillis(20)).withQuotePeriod(Duration.ofMillis(20)));
    try (Duplex duplex = demos.configure(Duplex.builder()).build()) {
      demos.start(duplex);
      assertEquals(4, demos.calls().snapshot().version(), "four callers wait from the start");

      waitFor(() -> demos.calls().waitingCount() == 12);
      List<Thread> timers = timerThreads();
      assertFalse(timers.isEmpty());
      assertTrue(timers.stream().allMatch(Thread::isDaemon), "a simulator must never keep the JVM alive");

      demos.close();
      waitFor(() -> timerThreads().isEmpty());
      long version = demos.calls().snapshot().version();
      demos.calls().claim(demos.calls().snapshot().callers().get(0).id(), "Ann");
      assertEquals(version + 1, demos.calls().snapshot().version());
      assertEquals(11, demos.calls().waitingCount(), "no caller rings after close");
    }
  }

  @Test
  void startingTwiceIsRefused() {
    Demos demos = new Demos();
    try (Duplex duplex = demos.configure(Duplex.builder()).build()) {
      demos.start(duplex);
      assertThrows(IllegalStateException.class, () -> demos.start(duplex));
    } finally {
      demos.close();
    }
  }

  @Test
  void settingsRefuseNonsense() {
    assertThrows(IllegalArgumentException.class, () -> DemoSettings.defaults().withCallerPeriod(Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () -> new DemoSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 3,
            Duration.ofSeconds(1), Duration.ofSeconds(1), 1));
    assertFalse(DemoSettings.defaults().quotePeriod().isNegative());
  }

  private static List<Thread> timerThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(TIMER_THREAD)).toList();
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("condition not met within 10 s");
      }
      LockSupport.parkNanos(2_000_000);
    }
  }
}

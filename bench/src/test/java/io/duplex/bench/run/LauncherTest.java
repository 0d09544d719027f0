package io.duplex.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LauncherTest {
  @Test
  void benchJvmsRunG1UnlessAnotherCollectorIsNamed() {
    assertEquals("-XX:+UseG1GC", Launcher.GC);
    assertTrue(Launcher.JVM_OPTIONS.contains("-XX:+UseG1GC"));
    assertEquals("-XX:+UseParallelGC", Launcher.gcOption("ParallelGC"));
  }

  @Test
  void aNameTheJvmWouldRefuseFailsNamingTheCollectorsToUse() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Launcher.gcOption("Parallel"));
    assertEquals(
        "-Dduplex.bench.gc=Parallel is not a collector; use one of G1GC, ParallelGC, SerialGC, ZGC, ShenandoahGC",
        e.getMessage());
  }
}

package io.duplex;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackplaneSettingTest {
  @Test
  void aBackplaneWhoseModuleIsMissingFailsStartupNamingTheArtifact() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Duplex.builder().backplane("redis://127.0.0.1:6379").build());
    assertTrue(e.getMessage().contains("io.duplex:duplex-redis"), e.getMessage());
  }

  @Test
  void anUnknownSchemeNamesTheKnownOnes() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Duplex.builder().set("backplane", "kafka://broker:9092").build());
    assertTrue(e.getMessage().contains("redis"), e.getMessage());
  }

  @Test
  void aBackplaneThatIsNotAUrlIsRefusedWithTheFormExpected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Duplex.builder().set("backplane", "localhost"));
    assertTrue(e.getMessage().contains("redis://host:6379"), e.getMessage());
  }

  @Test
  void withoutABackplaneThisNodeIsTheCluster() {
    try (Duplex duplex = Duplex.builder().build()) {
      assertTrue(duplex.nodes().equals(java.util.Map.of("local", 0)), duplex.nodes().toString());
    }
  }
}

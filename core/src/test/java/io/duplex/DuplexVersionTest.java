package io.duplex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

class DuplexVersionTest {
  @Test
  void theVersionIsTheBuildsProjectVersion() {
    // core/pom.xml passes ${project.version} to the tests, which run from target/classes as an IDE
    // does, without a jar manifest.
    String expected = System.getProperty("duplex.expected.version");
    assertNotNull(expected, "run by Maven, which passes duplex.expected.version");
    assertEquals(expected, Duplex.version());
  }
}

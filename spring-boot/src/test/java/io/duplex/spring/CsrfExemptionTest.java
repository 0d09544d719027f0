package io.duplex.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.duplex.spring.app.TestApplication;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Without the starter's exemption Spring Security refuses Duplex's POSTs (they carry Duplex's CSRF
 * token, not Spring's): what {@link DuplexStarterTest} passes through is the exemption's doing.
 */
@SpringBootTest(
    classes = {TestApplication.class, CsrfExemptionTest.Replaced.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "server.address=127.0.0.1")
class CsrfExemptionTest {
  @LocalServerPort int port;

  /** Replaces the starter's exemption by name with one that does nothing. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Replaced {
    @Bean
    Customizer<HttpSecurity> duplexCsrfExemption() {
      return http -> {};
    }
  }

  @Test
  void springRefusesDuplexPostsWithoutTheExemption() {
    WireClient page = new WireClient("http://127.0.0.1:" + port, "/duplex");
    assertEquals(403, page.post("session", Map.of("v", 1, "page", "/index.html")).status());
  }
}

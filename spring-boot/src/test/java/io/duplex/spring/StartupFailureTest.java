package io.duplex.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.Duplex;
import io.duplex.spring.app.TestApplication;
import io.duplex.spring.badscope.BadScopeApplication;
import io.duplex.spring.internal.DuplexPropertyException;
import io.duplex.spring.jdkproxy.JdkProxyApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Misconfiguration stops the application at startup with a message naming the fix. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {
  private static Throwable startFailure(Class<?> application, String... properties) {
    return startFailure(new Class<?>[] {application}, properties);
  }

  private static Throwable startFailure(Class<?>[] application, String... properties) {
    RuntimeException failure =
        assertThrows(
            RuntimeException.class,
            () -> {
              try (ConfigurableApplicationContext context =
                  new SpringApplicationBuilder(application)
                      .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off")
                      .properties(properties)
                      .run()) {
                // started: the assertion fails
              }
            });
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root;
  }

  @Test
  void unknownPropertyFailsStartupNamingIt(CapturedOutput output) {
    Throwable root = startFailure(TestApplication.class, "duplex.foo=1");

    DuplexPropertyException unknown = (DuplexPropertyException) root;
    assertEquals("duplex.foo", unknown.property());
    assertTrue(unknown.getMessage().startsWith("Unknown Duplex property 'duplex.foo'"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("duplex.max-body-bytes"), "lists the known names: " + unknown.getMessage());
    assertTrue(output.getOut().contains("APPLICATION FAILED TO START"), "Spring Boot's failure report");
  }

  @Test
  void badValueFailsStartupNamingTheProperty() {
    Throwable root = startFailure(TestApplication.class, "duplex.max-body-bytes=lots");

    assertEquals("duplex.max-body-bytes", ((DuplexPropertyException) root).property());
    assertTrue(root.getMessage().contains("'lots'"), root.getMessage());
  }

  /** The application builds its Duplex itself. */
  @Configuration(proxyBeanMethods = false)
  static class OwnDuplex {
    @Bean
    Duplex duplex() {
      return Duplex.builder().build();
    }
  }

  @Test
  void settingThatCannotReachTheApplicationsOwnDuplexFailsStartup() {
    Throwable root = startFailure(new Class<?>[] {TestApplication.class, OwnDuplex.class}, "duplex.debug=true");

    assertEquals("duplex.debug", ((DuplexPropertyException) root).property());
    assertTrue(root.getMessage().contains("defines its own Duplex bean"), root.getMessage());
  }

  @Test
  void singletonBeanWithAPerPageScopeFailsStartup() {
    Throwable root = startFailure(BadScopeApplication.class);

    assertTrue(root instanceof IllegalStateException, root.toString());
    assertTrue(root.getMessage().contains("'badScopeApplication.PerPage'"), root.getMessage());
    assertTrue(root.getMessage().contains("@Scope(\"prototype\")"), root.getMessage());
  }

  @Test
  void interfaceProxiedBeanFailsStartupNamingTheFix() {
    Throwable root = startFailure(JdkProxyApplication.class);

    assertTrue(root instanceof IllegalStateException, root.toString());
    assertTrue(root.getMessage().contains("'jdkProxyApplication.Ping'"), root.getMessage());
    assertTrue(root.getMessage().contains("spring.aop.proxy-target-class=true"), root.getMessage());
  }
}

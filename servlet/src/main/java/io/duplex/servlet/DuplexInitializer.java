package io.duplex.servlet;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.Set;

/**
 * Run by the container when a web application containing duplex-servlet starts (found through
 * {@code META-INF/services}, as Tomcat and Jetty do for deployed web applications): registers
 * {@link DuplexSessionIdListener}. Embedded containers that do not run initializers from the class
 * path (Spring Boot, a bare Jetty {@code ServletContextHandler}) need the listener registered by hand.
 */
public class DuplexInitializer implements ServletContainerInitializer {
  /** Creates the initializer; the container calls it. */
  public DuplexInitializer() {}

  /**
   * Adds {@link DuplexSessionIdListener} to {@code context}.
   *
   * @param classes not used (no {@code @HandlesTypes})
   * @param context the starting web application
   */
  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    context.addListener(DuplexSessionIdListener.class);
  }
}

package io.duplex.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.util.EventListener;
import java.util.List;
import java.util.Map;

/**
 * The servlet container under {@link TestServer}: embedded Jetty 12 (ee10) or embedded Tomcat 11,
 * chosen for the whole test run by the system property {@value #PROPERTY} ({@code jetty}, the
 * default, or {@code tomcat}). The servlet module's build runs its tests once on each, so every test
 * that goes through TestServer checks both containers without saying so.
 */
interface TestContainer extends AutoCloseable {
  String PROPERTY = "duplex.test.container";

  /** What to deploy: one context (with HTTP sessions unless told), bound to 127.0.0.1 on a free port. */
  record Deployment(
      String contextPath,
      String mapping,
      DuplexServlet duplex,
      Map<String, String> initParams,
      List<Filter> filters,
      Map<String, HttpServlet> servlets,
      List<EventListener> listeners,
      int maxThreads,
      boolean compression,
      boolean asyncSupported,
      boolean sessions,
      boolean forwardedHeaders,
      long stopTimeoutMillis,
      boolean startWithUnavailable,
      boolean initializer,
      boolean webSockets) {}

  /** {@code jetty} or {@code tomcat}, from {@value #PROPERTY}. */
  static String selected() {
    String name = System.getProperty(PROPERTY, "jetty").trim().toLowerCase(java.util.Locale.ROOT);
    if (!name.equals("jetty") && !name.equals("tomcat")) {
      throw new IllegalStateException(
          "-D" + PROPERTY + "=" + name + ": use jetty (the default) or tomcat");
    }
    return name;
  }

  /** Starts the selected container; the name is read per call so a test can see what runs. */
  static TestContainer start(Deployment deployment) throws Exception {
    // Each implementation is a separate class so that the other container's jars need not be on the
    // classpath (the Tomcat run leaves out jakarta.servlet-api 6.0 in favour of Tomcat's own API).
    return selected().equals("tomcat") ? new TomcatContainer(deployment) : new JettyContainer(deployment);
  }

  int port();

  /** Requests being handled now, held async ones included. */
  int activeRequests();
}

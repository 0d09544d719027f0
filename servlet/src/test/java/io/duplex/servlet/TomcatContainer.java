package io.duplex.servlet;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.session.StandardManager;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.RemoteIpValve;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/** Embedded Tomcat 11 with its default NIO connector and settings, as an application would run. */
final class TomcatContainer implements TestContainer {
  /** Held so the level stays: Tomcat's INFO start and stop lines would fill the build log. */
  private static final Logger APACHE = Logger.getLogger("org.apache");

  static {
    APACHE.setLevel(Level.WARNING);
  }

  private final Tomcat tomcat;
  private final Path baseDir;
  private final ActiveRequests active = new ActiveRequests();
  private final int port;
  private boolean closed;

  TomcatContainer(Deployment d) throws Exception {
    if (!d.sessions()) {
      // A Tomcat context always has a session manager; tests of a context without one are Jetty's.
      throw new UnsupportedOperationException("a context without HTTP sessions is a Jetty-only test setup");
    }
    baseDir = Files.createTempDirectory("duplex-tomcat");
    tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    if (d.maxThreads() > 0) {
      connector.setProperty("maxThreads", Integer.toString(d.maxThreads()));
      connector.setProperty("minSpareThreads", "2");
    }
    if (d.compression()) {
      connector.setProperty("compression", "on");
      connector.setProperty("compressionMinSize", "256");
    }
    tomcat.setConnector(connector);
    Context context = tomcat.addContext(d.contextPath(), baseDir.toString());
    StandardManager sessions = new StandardManager();
    sessions.setPathname(null); // no SESSIONS.ser written at stop
    context.setManager(sessions);

    addFilter(context, "duplex-test-active-requests", active, false);
    int n = 0;
    for (Filter filter : d.filters()) {
      addFilter(context, "filter-" + n++, filter, true);
    }
    Wrapper duplex = Tomcat.addServlet(context, "duplex", d.duplex());
    duplex.setAsyncSupported(d.asyncSupported());
    duplex.setLoadOnStartup(0);
    d.initParams().forEach(duplex::addInitParameter);
    context.addServletMappingDecoded(d.mapping(), "duplex");
    if (d.forwardedHeaders()) {
      RemoteIpValve forwarded = new RemoteIpValve(); // trusts 127.0.0.1 by default
      forwarded.setProtocolHeader("X-Forwarded-Proto");
      forwarded.setHostHeader("X-Forwarded-Host");
      context.getPipeline().addValve(forwarded);
    }
    // As the Jetty harness does at its graceful stop: end held requests before connections close.
    tomcat.getServer().addLifecycleListener(event -> {
      if (Lifecycle.BEFORE_STOP_EVENT.equals(event.getType())) {
        d.duplex().closeHeldRequests();
      }
    });
    n = 0;
    for (var extra : d.servlets().entrySet()) {
      String name = "servlet-" + n++;
      Tomcat.addServlet(context, name, extra.getValue());
      context.addServletMappingDecoded(extra.getKey(), name);
    }
    if (d.initializer()) {
      context.addServletContainerInitializer(new DuplexInitializer(), null);
    }
    if (d.webSockets()) {
      // What Tomcat runs for every deployed web application; an embedded context adds it by hand.
      context.addServletContainerInitializer(new org.apache.tomcat.websocket.server.WsSci(), null);
    }
    if (!d.listeners().isEmpty()) {
      // Through the portable API, which sorts each listener into Tomcat's event or lifecycle list.
      context.addServletContainerInitializer(
          (classes, servletContext) -> d.listeners().forEach(servletContext::addListener), null);
    }
    // Tomcat logs a servlet's failed init and carries on with the context marked unavailable, where
    // Jetty's start throws. Fail the context too, and report the logged cause as Jetty would.
    StandardContext standard = (StandardContext) context;
    standard.setFailCtxIfServletStartFails(!d.startWithUnavailable());
    // The leak checks at stop need --add-opens and only warn that they lack it; tests stop often.
    standard.setClearReferencesRmiTargets(false);
    standard.setClearReferencesThreadLocals(false);
    StartFailures failures = new StartFailures();
    Logger catalina = Logger.getLogger("org.apache.catalina");
    catalina.addHandler(failures);
    Exception startFailure = null;
    try {
      tomcat.start();
    } catch (Exception e) {
      startFailure = e;
    } finally {
      catalina.removeHandler(failures);
    }
    if (startFailure != null || (!d.startWithUnavailable() && !context.getState().isAvailable())) {
      IllegalStateException failure = new IllegalStateException("Tomcat did not start the context",
          failures.first != null ? failures.first : startFailure);
      try {
        close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
      throw failure;
    }
    port = connector.getLocalPort();
  }

  /** The first exception Tomcat logs while starting. */
  private static final class StartFailures extends Handler {
    volatile Throwable first;

    @Override
    public void publish(LogRecord record) {
      if (first == null && record.getThrown() != null) {
        first = record.getThrown();
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  private static void addFilter(Context context, String name, Filter filter, boolean async) {
    FilterDef def = new FilterDef();
    def.setFilterName(name);
    def.setFilter(filter);
    def.setAsyncSupported("true");
    context.addFilterDef(def);
    FilterMap map = new FilterMap();
    map.setFilterName(name);
    map.addURLPattern("/*");
    map.setDispatcher("REQUEST");
    if (async) {
      map.setDispatcher("ASYNC");
    }
    context.addFilterMap(map);
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public int activeRequests() {
    return active.count.get();
  }

  @Override
  public synchronized void close() throws Exception {
    if (closed) {
      return;
    }
    closed = true;
    try {
      tomcat.stop();
      tomcat.destroy();
    } finally {
      try (Stream<Path> files = Files.walk(baseDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * Counts requests from arrival until their response is complete, as Jetty's StatisticsHandler
   * does: a request that went async counts until its AsyncContext completes, also when it was
   * dispatched and went async again (startAsync clears the listeners). Tomcat defers an
   * AsyncContext completion made while the request thread is still inside the servlet until that
   * thread returns, so the listener added here never misses it.
   */
  private static final class ActiveRequests implements Filter {
    final AtomicInteger count = new AtomicInteger();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      count.incrementAndGet();
      boolean async = false;
      try {
        chain.doFilter(request, response);
        if (request.isAsyncStarted()) {
          AtomicBoolean ended = new AtomicBoolean();
          request.getAsyncContext().addListener(new AsyncListener() {
            private void end() {
              if (ended.compareAndSet(false, true)) {
                count.decrementAndGet();
              }
            }

            @Override
            public void onComplete(AsyncEvent event) {
              end();
            }

            @Override
            public void onTimeout(AsyncEvent event) {}

            @Override
            public void onError(AsyncEvent event) {}

            @Override
            public void onStartAsync(AsyncEvent event) {
              // A new startAsync (e.g. a handler's, after a dispatch) drops the listeners: stay on.
              event.getAsyncContext().addListener(this);
            }
          });
          async = true;
        }
      } finally {
        if (!async) {
          count.decrementAndGet();
        }
      }
    }
  }
}

package io.duplex.servlet;

import io.duplex.Duplex;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.EventListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.component.Graceful;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Embedded Jetty 12 (ee10) on 127.0.0.1 and a random port, with HTTP sessions and an async
 * {@link DuplexServlet} at {@code /duplex/*}. Start one per test class:
 *
 * <pre>{@code
 * static TestServer server = TestServer.start(Duplex.builder().expose(Echo.class).build());
 * DuplexTestClient page = server.client().handshake("/index.html");
 * }</pre>
 */
public final class TestServer implements AutoCloseable {
  public static final String SERVLET_PATH = "/duplex";

  private final Server server;
  private final StatisticsHandler statistics;
  private final DuplexServlet servlet;
  private final String contextPath;
  private final int port;

  private TestServer(Builder builder) throws Exception {
    this.contextPath = builder.contextPath;
    server = builder.maxThreads > 0 ? new Server(new QueuedThreadPool(builder.maxThreads, 2)) : new Server();
    HttpConfiguration http = new HttpConfiguration();
    if (builder.forwardedHeaders) {
      http.addCustomizer(new ForwardedRequestCustomizer());
    }
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context =
        builder.sessions ? new ServletContextHandler(ServletContextHandler.SESSIONS) : new ServletContextHandler();
    context.setContextPath(contextPath.isEmpty() ? "/" : contextPath);
    servlet = builder.duplex != null ? new DuplexServlet(builder.duplex) : new DuplexServlet();
    ServletHolder holder = new ServletHolder("duplex", servlet);
    holder.setAsyncSupported(builder.asyncSupported);
    holder.setInitOrder(0);
    if (builder.initializer) {
      context.addServletContainerInitializer(new DuplexInitializer());
    }
    builder.initParams.forEach(holder::setInitParameter);
    context.addServlet(holder, builder.mapping);
    // Jetty closes connections before it destroys servlets: end held requests when the stop begins.
    server.addBean(new HeldRequestsFirst(servlet));
    if (builder.stopTimeoutMillis >= 0) {
      server.setStopTimeout(builder.stopTimeoutMillis);
    }
    for (Filter filter : builder.filters) {
      FilterHolder filterHolder = new FilterHolder(filter);
      filterHolder.setAsyncSupported(true);
      context.addFilter(filterHolder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
    }
    builder.servlets.forEach((path, extra) -> context.addServlet(new ServletHolder(extra), path));
    builder.listeners.forEach(context::addEventListener);
    if (builder.webSockets) {
      // The container's Jakarta WebSocket support, as an app using reverseAjax=websocket adds it.
      org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer.configure(
          context, null);
    }
    statistics = new StatisticsHandler(context);
    server.setHandler(statistics);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    port = connector.getLocalPort();
    // A servlet whose init failed is unavailable (503) but Jetty starts anyway: fail as a test expects.
    if (!builder.startWithUnavailable && !holder.isAvailable()) {
      Throwable cause = holder.getUnavailableException();
      server.stop();
      throw new IllegalStateException("DuplexServlet is unavailable", cause);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A server for {@code duplex}; the caller keeps ownership of the Duplex. */
  public static TestServer start(Duplex duplex) {
    return builder().duplex(duplex).start();
  }

  /** {@code http://127.0.0.1:port}: what a same-origin page sends as Origin. */
  public String origin() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The servlet's base URL, e.g. {@code http://127.0.0.1:port/duplex}. */
  public String base() {
    return origin() + contextPath + SERVLET_PATH;
  }

  /** The base as a page sees it, e.g. {@code /duplex}: the third argument of interface stubs. */
  public String basePath() {
    return contextPath + SERVLET_PATH;
  }

  public Duplex duplex() {
    return servlet.duplex();
  }

  /** A new browser: its own cookie jar, same-origin headers. */
  public DuplexTestClient client() {
    return new DuplexTestClient(base(), origin());
  }

  /**
   * A new browser that reaches the server through {@code port} on 127.0.0.1 (e.g. a {@link
   * CuttingProxy}); its Origin is that host and port, as a page loaded through it would send.
   */
  public DuplexTestClient clientVia(int port) {
    String origin = "http://127.0.0.1:" + port;
    return new DuplexTestClient(origin + contextPath + SERVLET_PATH, origin);
  }

  /** Requests being handled now, held async ones included: shows that a poll is being held. */
  public int activeRequests() {
    return statistics.getRequestsActive();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  /** The DuplexServlet itself. */
  public DuplexServlet servlet() {
    return servlet;
  }

  /** The servlet's context, as application code sees it. */
  public jakarta.servlet.ServletContext servletContext() {
    return servlet.getServletContext();
  }

  /** Ends the servlet's held requests when Jetty's graceful stop begins, before connections close. */
  private static final class HeldRequestsFirst implements Graceful {
    private final DuplexServlet servlet;
    private volatile boolean shutdown;

    HeldRequestsFirst(DuplexServlet servlet) {
      this.servlet = servlet;
    }

    @Override
    public CompletableFuture<Void> shutdown() {
      shutdown = true;
      return servlet.closeHeldRequests();
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }
  }

  public static final class Builder {
    private Duplex duplex;
    private final Map<String, String> initParams = new LinkedHashMap<>();
    private final List<Filter> filters = new ArrayList<>();
    private final Map<String, HttpServlet> servlets = new LinkedHashMap<>();
    private final List<EventListener> listeners = new ArrayList<>();
    private String contextPath = "";
    private int maxThreads;
    private boolean webSockets = true;
    private boolean initializer;
    private boolean asyncSupported = true;
    private boolean sessions = true;
    private boolean forwardedHeaders;
    private String mapping = SERVLET_PATH + "/*";
    private long stopTimeoutMillis = -1;
    private boolean startWithUnavailable;

    /** Jetty's default: the server starts even when a servlet's init failed (it answers 503). */
    public Builder startWithUnavailable(boolean startWithUnavailable) {
      this.startWithUnavailable = startWithUnavailable;
      return this;
    }

    /** Whether the servlet is marked async-supported (a deployment mistake when false). */
    public Builder asyncSupported(boolean asyncSupported) {
      this.asyncSupported = asyncSupported;
      return this;
    }

    /** Whether the context has HTTP sessions (a deployment mistake when false). */
    public Builder sessions(boolean sessions) {
      this.sessions = sessions;
      return this;
    }

    /** The servlet's url-pattern; {@code /duplex/*} unless a test shows a wrong one. */
    public Builder mapping(String mapping) {
      this.mapping = mapping;
      return this;
    }

    /** Jetty applies X-Forwarded-* and Forwarded headers (ForwardedRequestCustomizer), as behind a proxy. */
    public Builder forwardedHeaders(boolean forwardedHeaders) {
      this.forwardedHeaders = forwardedHeaders;
      return this;
    }

    /** How long a graceful stop may wait for requests to finish (Server.setStopTimeout). */
    public Builder stopTimeoutMillis(long stopTimeoutMillis) {
      this.stopTimeoutMillis = stopTimeoutMillis;
      return this;
    }

    /** Registers {@code new DuplexServlet(duplex)}; without it the no-arg servlet reads init-params. */
    public Builder duplex(Duplex duplex) {
      this.duplex = duplex;
      return this;
    }

    public Builder initParam(String name, String value) {
      initParams.put(name, value);
      return this;
    }

    /** A filter in front of everything, e.g. {@link TestUserFilter}. */
    public Builder filter(Filter filter) {
      filters.add(filter);
      return this;
    }

    /** Another servlet in the same context (same HTTP sessions), e.g. static pages. */
    public Builder servlet(String pathSpec, HttpServlet servlet) {
      servlets.put(pathSpec, servlet);
      return this;
    }

    /** A servlet-context listener, e.g. an {@code HttpSessionListener} that counts HTTP sessions. */
    public Builder listener(EventListener listener) {
      listeners.add(listener);
      return this;
    }

    /** e.g. {@code /app}; the default is the root context. */
    public Builder contextPath(String contextPath) {
      this.contextPath = contextPath;
      return this;
    }

    /** Runs {@link DuplexInitializer} at start, as a container deploying a web application would. */
    public Builder initializer(boolean initializer) {
      this.initializer = initializer;
      return this;
    }

    /** A small request thread pool, to show that waiting calls do not hold threads. */
    public Builder maxThreads(int maxThreads) {
      this.maxThreads = maxThreads;
      return this;
    }

    /** Leaves out the container's WebSocket support (on by default). */
    public Builder withoutWebSockets() {
      this.webSockets = false;
      return this;
    }

    public TestServer start() {
      try {
        return new TestServer(this);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("Jetty did not start: " + e.getMessage(), e);
      }
    }
  }
}

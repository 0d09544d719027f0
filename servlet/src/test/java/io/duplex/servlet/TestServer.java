package io.duplex.servlet;

import io.duplex.Duplex;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An embedded servlet container on 127.0.0.1 and a random port, with HTTP sessions and an async
 * {@link DuplexServlet} at {@code /duplex/*}: Jetty 12 (ee10) by default, Tomcat 11 with
 * {@code -Dduplex.test.container=tomcat} (the build runs the module's tests on both; see {@link
 * TestContainer}). Start one per test class:
 *
 * <pre>{@code
 * static TestServer server = TestServer.start(Duplex.builder().expose(Echo.class).build());
 * DuplexTestClient page = server.client().handshake("/index.html");
 * }</pre>
 */
public final class TestServer implements AutoCloseable {
  public static final String SERVLET_PATH = "/duplex";

  private final TestContainer container;
  private final DuplexServlet servlet;
  private final String contextPath;
  private final int port;

  private TestServer(Builder builder) throws Exception {
    this.contextPath = builder.contextPath;
    servlet = builder.duplex != null ? new DuplexServlet(builder.duplex) : new DuplexServlet();
    container = TestContainer.start(new TestContainer.Deployment(
        contextPath, builder.mapping, servlet, new LinkedHashMap<>(builder.initParams), List.copyOf(builder.filters),
        new LinkedHashMap<>(builder.servlets), List.copyOf(builder.listeners), builder.maxThreads,
        builder.compression, builder.asyncSupported, builder.sessions, builder.forwardedHeaders,
        builder.stopTimeoutMillis, builder.startWithUnavailable, builder.initializer,
        builder.webSockets != null ? builder.webSockets : socketMode(builder.duplex)));
    port = container.port();
  }

  /**
   * {@code jetty} or {@code tomcat}: the container this run uses. A test that depends on one
   * container's behaviour says so with an assumption on this and a comment why.
   */
  public static String container() {
    return TestContainer.selected();
  }

  /** Whether {@code duplex} delivers by WebSocket: its server then gets the container's support. */
  private static boolean socketMode(Duplex duplex) {
    return duplex != null
        && io.duplex.internal.DuplexRuntime.of(duplex).config().reverseAjax() == io.duplex.ReverseAjax.WEBSOCKET;
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
    return container.activeRequests();
  }

  @Override
  public void close() throws Exception {
    container.close();
  }

  /** The DuplexServlet itself. */
  public DuplexServlet servlet() {
    return servlet;
  }

  /** The servlet's context, as application code sees it. */
  public jakarta.servlet.ServletContext servletContext() {
    return servlet.getServletContext();
  }

  public static final class Builder {
    private Duplex duplex;
    private final Map<String, String> initParams = new LinkedHashMap<>();
    private final List<Filter> filters = new ArrayList<>();
    private final Map<String, HttpServlet> servlets = new LinkedHashMap<>();
    private final List<EventListener> listeners = new ArrayList<>();
    private String contextPath = "";
    private int maxThreads;
    /** Null: on when the Duplex is in websocket mode. */
    private Boolean webSockets;
    private boolean initializer;
    private boolean asyncSupported = true;
    private boolean sessions = true;
    private boolean forwardedHeaders;
    private String mapping = SERVLET_PATH + "/*";
    private long stopTimeoutMillis = -1;
    private boolean startWithUnavailable;
    private boolean compression;

    /** As Jetty and Tomcat do by default: the server starts even when a servlet's init failed. */
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

    /**
     * The container applies forwarded headers, as behind a proxy: Jetty's ForwardedRequestCustomizer
     * (X-Forwarded-* and Forwarded), Tomcat's RemoteIpValve (X-Forwarded-* only).
     */
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

    /** Leaves out the container's WebSocket support (on by default in websocket mode). */
    public Builder withoutWebSockets() {
      this.webSockets = false;
      return this;
    }

    /**
     * The container compresses responses as configured in production: Jetty's GzipHandler, or
     * Tomcat's connector {@code compression="on"}.
     */
    public Builder containerCompression() {
      this.compression = true;
      return this;
    }

    public TestServer start() {
      try {
        return new TestServer(this);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(container() + " did not start: " + e.getMessage(), e);
      }
    }
  }
}

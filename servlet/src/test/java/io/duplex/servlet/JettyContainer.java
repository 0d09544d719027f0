package io.duplex.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.EnumSet;
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
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.component.Graceful;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Embedded Jetty 12 (ee10). */
final class JettyContainer implements TestContainer {
  private final Server server;
  private final StatisticsHandler statistics;
  private final int port;

  JettyContainer(Deployment d) throws Exception {
    server = d.maxThreads() > 0 ? new Server(new QueuedThreadPool(d.maxThreads(), 2)) : new Server();
    HttpConfiguration http = new HttpConfiguration();
    if (d.forwardedHeaders()) {
      http.addCustomizer(new ForwardedRequestCustomizer());
    }
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context =
        d.sessions() ? new ServletContextHandler(ServletContextHandler.SESSIONS) : new ServletContextHandler();
    context.setContextPath(d.contextPath().isEmpty() ? "/" : d.contextPath());
    ServletHolder holder = new ServletHolder("duplex", d.duplex());
    holder.setAsyncSupported(d.asyncSupported());
    holder.setInitOrder(0);
    if (d.initializer()) {
      context.addServletContainerInitializer(new DuplexInitializer());
    }
    d.initParams().forEach(holder::setInitParameter);
    context.addServlet(holder, d.mapping());
    // Jetty closes connections before it destroys servlets: end held requests when the stop begins.
    server.addBean(new HeldRequestsFirst(d.duplex()));
    if (d.stopTimeoutMillis() >= 0) {
      server.setStopTimeout(d.stopTimeoutMillis());
    }
    for (Filter filter : d.filters()) {
      FilterHolder filterHolder = new FilterHolder(filter);
      filterHolder.setAsyncSupported(true);
      context.addFilter(filterHolder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
    }
    d.servlets().forEach((path, extra) -> context.addServlet(new ServletHolder(extra), path));
    d.listeners().forEach(context::addEventListener);
    if (d.webSockets()) {
      // The container's Jakarta WebSocket support, as an app using reverseAjax=websocket adds it.
      org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer.configure(
          context, null);
    }
    statistics = new StatisticsHandler(d.compression() ? gzip(context) : context);
    server.setHandler(statistics);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    port = connector.getLocalPort();
    // A servlet whose init failed is unavailable (503) but Jetty starts anyway: fail as a test expects.
    if (!d.startWithUnavailable() && !holder.isAvailable()) {
      Throwable cause = holder.getUnavailableException();
      server.stop();
      throw new IllegalStateException("DuplexServlet is unavailable", cause);
    }
  }

  private static GzipHandler gzip(ServletContextHandler context) {
    GzipHandler gzip = new GzipHandler(context);
    gzip.setMinGzipSize(256);
    return gzip;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public int activeRequests() {
    return statistics.getRequestsActive();
  }

  @Override
  public void close() throws Exception {
    server.stop();
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
      // Completes once streams have their close line and sockets their close frame.
      return servlet.closeHeldRequests();
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }
  }
}

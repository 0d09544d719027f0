package io.duplex.bench.server;

import io.duplex.bench.ceiling.CeilingSocket;
import io.duplex.bench.ceiling.SocketPages;
import jakarta.websocket.server.ServerEndpointConfig;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The one Jetty set-up both bench servers use, so the Duplex server and the ceiling differ only in
 * the servlets they mount: same thread pool, connector, HTTP configuration and session handling.
 */
public final class BenchJetty {
  /** Longer than any hold (30 s) so the server never cuts a held request for idleness. */
  static final long IDLE_TIMEOUT_MILLIS = 120_000;
  static final int HEADER_CACHE_SIZE = 64;
  static final String POOL_NAME = "bench-server";

  private BenchJetty() {}

  /** A server on 127.0.0.1 with a free port, a context at / with HTTP sessions, and /control/*. */
  public static Server create(ServletContextHandler context, ControlServlet control) {
    return create(context, control, true);
  }

  /**
   * @param tuned whether to shrink Jetty's header cache (the bench's own setting); false keeps
   *     every HTTP setting at Jetty's default, as users run it ({@code --container=jetty-default})
   */
  public static Server create(ServletContextHandler context, ControlServlet control, boolean tuned) {
    QueuedThreadPool pool = new QueuedThreadPool(200, 8);
    pool.setName(POOL_NAME);
    // Threads started for a burst go away soon, so idle thread counts show steady state.
    pool.setIdleTimeout(5_000);
    Server server = new Server(pool);

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    // Jetty's per-connection header cache defaults to 1024 entries: a 98 KB char table on every
    // connection, which would be 85% of an idle page's heap on either server and hide what the
    // framework itself costs per page (W3). The few distinct headers a page sends fit in 64.
    if (tuned) {
      http.setHeaderCacheSize(HEADER_CACHE_SIZE);
    }
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    connector.setAcceptQueueSize(4096);
    connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
    server.addConnector(connector);

    ServletHolder controlHolder = new ServletHolder("control", control);
    controlHolder.setAsyncSupported(true);
    context.addServlet(controlHolder, "/control/*");
    server.setHandler(context);
    // No graceful drain: held streams would only make a bench server slow to stop.
    server.setStopTimeout(0);
    return server;
  }

  /** A context with HTTP sessions (both servers bind pages to an HTTP session). */
  public static ServletContextHandler newContext() {
    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
    context.setContextPath("/");
    return context;
  }

  /** Jakarta WebSocket support (Duplex upgrades {base}/ws itself) and the plain socket ceiling. */
  public static void addWebSockets(ServletContextHandler context, SocketPages pages) {
    JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) ->
        container.addEndpoint(ceilingSocket(pages)));
  }

  /** The plain socket ceiling's endpoint at {@link CeilingSocket#PATH}, broadcasting through {@code pages}. */
  public static ServerEndpointConfig ceilingSocket(SocketPages pages) {
    return ServerEndpointConfig.Builder.create(CeilingSocket.class, CeilingSocket.PATH)
        .configurator(new ServerEndpointConfig.Configurator() {
          @Override
          public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(new CeilingSocket(pages));
          }
        })
        .build();
  }

  public static int port(Server server) {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }
}

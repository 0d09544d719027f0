package io.duplex.samples;

import io.duplex.Duplex;
import io.duplex.servlet.DuplexServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.SessionTrackingMode;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.Graceful;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * Embedded Jetty 12 (ee10) as the samples run it, and as a production app would wire Duplex: HTTP
 * sessions kept in a cookie only (HttpOnly, SameSite=Lax, Secure on HTTPS requests; never
 * {@code ;jsessionid=} in URLs) that expire after {@value #SESSION_TIMEOUT_SECONDS} s idle, {@link
 * DuplexServlet} async-supported at /duplex/*, static files from a classpath folder, security
 * headers on every response including Jetty's own error pages, and no server version anywhere.
 */
public final class DuplexJetty {
  /** HTTP session idle timeout: 30 minutes. */
  public static final int SESSION_TIMEOUT_SECONDS = 30 * 60;

  private DuplexJetty() {}

  /** A server, not yet started; port 0 picks a free one. */
  public static Server create(Duplex duplex, String host, int port, String staticFolder, Filter headers) {
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setErrorHandler(new SecureErrorHandler());

    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
    context.setContextPath("/");
    context.setBaseResource(ResourceFactory.of(context).newClassLoaderResource(staticFolder));
    context.setWelcomeFiles(new String[] {"index.html"});
    context.setErrorHandler(new SecureErrorHandler());
    configureSessions(context.getSessionHandler());
    context.addFilter(new FilterHolder(headers), "/*", EnumSet.of(DispatcherType.REQUEST));

    DuplexServlet servlet = new DuplexServlet(duplex);
    ServletHolder duplexServlet = new ServletHolder("duplex", servlet);
    duplexServlet.setAsyncSupported(true);
    context.addServlet(duplexServlet, "/duplex/*");
    // Jetty closes connections before it destroys servlets: end held requests (pages get their close
    // line) as soon as its graceful stop begins, so the stop does not wait out its timeout.
    server.addBean(new HeldRequestsFirst(servlet));

    ServletHolder files = new ServletHolder("default", DefaultServlet.class);
    files.setInitParameter("dirAllowed", "false");
    context.addServlet(files, "/");
    // Jakarta WebSocket support, for reverseAjax=websocket (the servlet upgrades {base}/ws itself).
    JakartaWebSocketServletContainerInitializer.configure(context, null);

    server.setHandler(context);
    return server;
  }

  private static void configureSessions(SessionHandler sessions) {
    sessions.setMaxInactiveInterval(SESSION_TIMEOUT_SECONDS);
    sessions.setHttpOnly(true);
    sessions.setSameSite(HttpCookie.SameSite.LAX);
    // Secure whenever the request is: HTTPS on Jetty itself, or behind a TLS proxy once Jetty
    // trusts its forwarded headers (ForwardedRequestCustomizer), see docs/security.md.
    sessions.setSecureRequestOnly(true);
    // A session id in a URL leaks through Referer, logs and shared links, and lets a page fixate it.
    sessions.setSessionTrackingModes(EnumSet.of(SessionTrackingMode.COOKIE));
  }

  /** Ends the servlet's held requests when Jetty's graceful stop begins (README "Stopping"). */
  private static final class HeldRequestsFirst implements Graceful {
    private final DuplexServlet servlet;
    private volatile boolean shutdown;

    HeldRequestsFirst(DuplexServlet servlet) {
      this.servlet = servlet;
    }

    @Override
    public CompletableFuture<Void> shutdown() {
      shutdown = true;
      // Completes once streams have their close line and sockets their close handshake.
      return servlet.closeHeldRequests();
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }
  }
}

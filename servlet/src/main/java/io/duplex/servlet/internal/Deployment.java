package io.duplex.servlet.internal;

import io.duplex.internal.protocol.ErrorCode;
import io.duplex.internal.protocol.ProtocolException;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployment mistakes that would otherwise fail silently (README "Deploying"): checked at init
 * where the container tells (the servlet's mappings, a context without sessions on Jetty), else on the first request that shows them
 * (async support, HTTP sessions), which is then refused with {@link ErrorCode#MISCONFIGURED} and a
 * message naming the fix, logged once per mistake rather than as an incident per request.
 */
public final class Deployment {
  private static final Logger LOG = LoggerFactory.getLogger(Deployment.class);

  private final String servletName;
  private final AtomicBoolean asyncReported = new AtomicBoolean();
  private final AtomicBoolean sessionsReported = new AtomicBoolean();

  public Deployment(String servletName) {
    this.servletName = servletName;
  }

  /**
   * Fails when the servlet is mapped without a trailing {@code /*}: every endpoint is a path below
   * the mapping, so an exact mapping such as {@code /duplex} would answer 404 to all of them.
   */
  public static void checkMappings(ServletConfig config) throws UnavailableException {
    ServletContext context = config.getServletContext();
    ServletRegistration registration;
    try {
      registration = context == null ? null : context.getServletRegistration(config.getServletName());
    } catch (UnsupportedOperationException notTold) {
      registration = null;
    }
    Collection<String> mappings = registration == null ? null : registration.getMappings();
    if (mappings == null) {
      return;
    }
    for (String mapping : mappings) {
      if (!mapping.endsWith("/*")) {
        throw new UnavailableException(
            "DuplexServlet '" + config.getServletName() + "' is mapped to '" + mapping + "'; map it with a"
                + " trailing wildcard, e.g. '" + suggestion(mapping) + "' (url-pattern in web.xml), because"
                + " its endpoints (engine.js, interface/*, session, call, reverse) are paths below the mapping");
      }
    }
  }

  /**
   * Fails when the context says it has no HTTP session support (Jetty's ServletContextHandler
   * without {@code SESSIONS} reports no tracking modes at all); other containers are checked at the
   * first handshake by {@link #session}.
   */
  public static void checkSessions(ServletConfig config) throws UnavailableException {
    ServletContext context = config.getServletContext();
    Object modes;
    try {
      modes = context == null ? "" : context.getEffectiveSessionTrackingModes();
    } catch (RuntimeException notTold) {
      return;
    }
    if (modes == null) {
      throw new UnavailableException(noSessions(config.getServletName()));
    }
  }

  private static String noSessions(String servletName) {
    return "DuplexServlet '" + servletName + "' needs HTTP sessions, and this context has none: on"
        + " embedded Jetty create the context with new ServletContextHandler(ServletContextHandler.SESSIONS)";
  }

  private static String suggestion(String mapping) {
    if (mapping.startsWith("/") && mapping.indexOf('*') < 0 && mapping.length() > 1) {
      return mapping.replaceAll("/+$", "") + "/*";
    }
    return "/duplex/*";
  }

  /**
   * Refuses a request the container would not let go async (the servlet, or a filter in front of
   * it, is not async-supported): held reverse requests and calls returning futures need it.
   */
  public void requireAsync(HttpServletRequest request) {
    if (request.isAsyncSupported()) {
      return;
    }
    String message =
        "DuplexServlet '" + servletName + "' needs async support: mark the servlet and every filter in"
            + " front of it async-supported (<async-supported>true</async-supported> in web.xml,"
            + " setAsyncSupported(true) on a ServletHolder or ServletRegistration.Dynamic)";
    if (asyncReported.compareAndSet(false, true)) {
      LOG.error("{} (first refused request: {} {}; later ones are refused without a log line)",
          message, request.getMethod(), request.getRequestURI());
    }
    throw new ProtocolException(ErrorCode.MISCONFIGURED, message);
  }

  /**
   * What to throw for {@code failure}, raised while the handshake got its HTTP session: a
   * {@code MISCONFIGURED} refusal (logged once) when the context has no session support, else the
   * failure itself.
   */
  public RuntimeException withoutSessions(HttpServletRequest request, IllegalStateException failure) {
    Object modes;
    try {
      modes = request.getServletContext().getEffectiveSessionTrackingModes();
    } catch (RuntimeException notTold) {
      modes = null;
    }
    if (modes instanceof java.util.Set<?> set && !set.isEmpty()) {
      return failure;
    }
    String message = noSessions(servletName);
    if (sessionsReported.compareAndSet(false, true)) {
      LOG.error("{} (later handshakes are refused without a log line)", message, failure);
    }
    return new ProtocolException(ErrorCode.MISCONFIGURED, message);
  }

  /**
   * The page's path relative to the context path, so that page names do not depend on where the
   * application is deployed; a page outside the context (another application) keeps its path.
   */
  public static String contextRelativePage(String page, String contextPath) {
    if (page == null || contextPath == null || contextPath.isEmpty() || !page.startsWith(contextPath)) {
      return page;
    }
    int end = contextPath.length();
    if (page.length() == end) {
      return "/";
    }
    char next = page.charAt(end);
    if (next == '/') {
      return page.substring(end);
    }
    if (next == '?' || next == ';' || next == '#') {
      return "/" + page.substring(end);
    }
    return page;
  }
}

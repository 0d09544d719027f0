package io.duplex.servlet;

import io.duplex.Duplex;
import io.duplex.internal.DuplexRuntime;
import io.duplex.internal.protocol.ProtocolException;
import io.duplex.servlet.internal.Deployment;
import io.duplex.servlet.internal.Endpoints;
import io.duplex.servlet.internal.HttpResponses;
import io.duplex.servlet.internal.InitParams;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every Duplex HTTP endpoint (docs/protocol.md): the engine script, interface stubs, the handshake,
 * calls and reverse delivery. Map it with a trailing wildcard, e.g. {@code /duplex/*}, and mark it
 * async-supported: calls returning futures and held reverse connections never hold a request thread.
 * The context needs HTTP sessions.
 *
 * <p>Either construct it with a {@link Duplex} (programmatic registration; the application keeps
 * and closes the Duplex), or declare it in web.xml with init-params: {@code services} (comma-separated
 * {@code @RemoteService} class names) and any setting of {@link io.duplex.ConfigBuilder} by name. An
 * unknown init-param fails startup. A Duplex built from init-params is closed when the servlet is
 * destroyed; the application reaches it with {@link #duplex(ServletContext)}.
 *
 * <p>A mistake in the deployment fails {@link #init()} with an {@link UnavailableException} whose
 * message names the fix, so the container marks the servlet unavailable (503) rather than serving
 * half-configured: an unknown init-param or a value of the wrong form, a mapping without {@code /*},
 * a context that reports no HTTP session support. Mistakes the container tells only per request
 * (the servlet or a filter not async-supported; no HTTP sessions where the context did not say so
 * at init) are logged once and answered {@code MISCONFIGURED}.
 */
public class DuplexServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  /** Each servlet keeps its per-HTTP-session state in an attribute named this plus its name. */
  static final String STATE_ATTRIBUTE_PREFIX = "io.duplex.servlet.state:";
  private static final Logger LOG = LoggerFactory.getLogger(DuplexServlet.class);
  /**
   * Prefix of the ServletContext attribute under which each started DuplexServlet publishes its
   * Duplex: the prefix followed by the servlet's name.
   */
  public static final String ATTRIBUTE_PREFIX = "io.duplex.Duplex:";

  private transient Duplex duplex;
  /** True when the Duplex was built from init-params, so this servlet closes it. */
  private final boolean ownsDuplex;
  private transient Endpoints endpoints;
  private transient Deployment deployment;

  /** For web.xml: services and settings come from init-params. */
  public DuplexServlet() {
    this.ownsDuplex = true;
  }

  /**
   * For programmatic registration: services and settings come from {@code duplex}.
   *
   * @param duplex the Duplex to serve; the application keeps and closes it
   */
  public DuplexServlet(Duplex duplex) {
    if (duplex == null) {
      throw new IllegalArgumentException("duplex is required");
    }
    this.duplex = duplex;
    this.ownsDuplex = false;
  }

  @Override
  public void init() throws ServletException {
    try {
      Deployment.checkMappings(getServletConfig());
      Deployment.checkSessions(getServletConfig());
      if (ownsDuplex) {
        duplex = InitParams.build(getServletConfig());
      } else {
        InitParams.requireNone(getServletConfig());
      }
      deployment = new Deployment(getServletName());
      endpoints = new Endpoints(
          DuplexRuntime.of(duplex), STATE_ATTRIBUTE_PREFIX + getServletName(), deployment, getServletContext());
    } catch (ServletException | RuntimeException e) {
      if (ownsDuplex && duplex != null) {
        duplex.close();
        duplex = null;
      }
      // Permanently unavailable: the container answers 503 instead of retrying init per request.
      // The message carries every cause's message and no cause object: some containers (Tomcat)
      // log only the innermost cause, which alone does not say what to fix.
      String message = "DuplexServlet '" + getServletName() + "' did not start: " + messages(e);
      LOG.error(message, e);
      throw new UnavailableException(message);
    }
    getServletContext().setAttribute(ATTRIBUTE_PREFIX + getServletName(), duplex);
  }

  private static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder(String.valueOf(failure.getMessage()));
    for (Throwable cause = failure.getCause(); cause != null && cause != failure; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (message != null && all.indexOf(message) < 0) {
        all.append(" (").append(message).append(')');
      }
    }
    return all.toString();
  }

  /**
   * The Duplex this servlet serves, to call the browser from application code.
   *
   * @return the servlet's Duplex; null before {@link #init()} for a web.xml servlet
   */
  public Duplex duplex() {
    return duplex;
  }

  /**
   * The Duplex of the one DuplexServlet started in {@code context}: how code of a web.xml
   * application (a listener, a scheduled job, a service) reaches it without a static field.
   * Declare the servlet {@code <load-on-startup>} so that it exists before the first request.
   *
   * @param context the application's ServletContext
   * @return the started servlet's Duplex
   * @throws IllegalStateException if no DuplexServlet has started in the context, or several have
   *     (then use {@link #duplex(ServletContext, String)})
   */
  public static Duplex duplex(ServletContext context) {
    List<String> names = new ArrayList<>();
    for (String attribute : Collections.list(context.getAttributeNames())) {
      if (attribute.startsWith(ATTRIBUTE_PREFIX)) {
        names.add(attribute.substring(ATTRIBUTE_PREFIX.length()));
      }
    }
    if (names.size() == 1) {
      return (Duplex) context.getAttribute(ATTRIBUTE_PREFIX + names.get(0));
    }
    if (names.isEmpty()) {
      throw new IllegalStateException(
          "No DuplexServlet has started in this context: declare it with <load-on-startup> so that it"
              + " starts with the application");
    }
    Collections.sort(names);
    throw new IllegalStateException(
        "Several DuplexServlets started in this context " + names + ": use DuplexServlet.duplex(context, name)");
  }

  /**
   * The Duplex of the DuplexServlet named {@code servletName} in {@code context}.
   *
   * @param context the application's ServletContext
   * @param servletName the servlet's name (servlet-name in web.xml)
   * @return that servlet's Duplex
   * @throws IllegalStateException if no DuplexServlet of that name has started
   */
  public static Duplex duplex(ServletContext context, String servletName) {
    Object duplex = context.getAttribute(ATTRIBUTE_PREFIX + servletName);
    if (!(duplex instanceof Duplex found)) {
      throw new IllegalStateException("No DuplexServlet named '" + servletName + "' has started in this context");
    }
    return found;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    if (request.getMethod().equals("POST")) {
      try {
        deployment.requireAsync(request);
      } catch (ProtocolException refusal) {
        endpoints.refused(refusal, request);
        HttpResponses.common(response);
        HttpResponses.error(response, refusal);
        return;
      }
    }
    endpoints.handle(request, response);
  }

  /**
   * Ends every held reverse request now with its close line (a stream's {@code hold} close, a long
   * poll's answer), so pages reconnect later or to another server, and answers later ones the same
   * way at once. Call it when the container begins to stop, before it closes connections: Jetty
   * closes them before {@link #destroy()}, which also calls it (README "Stopping"). WebSockets
   * (reverseAjax=websocket) get the same close line, then a close frame (1001).
   *
   * @return completes once every held request has completed and every WebSocket has closed: a
   *     graceful stop can wait for it before the container closes connections
   */
  public java.util.concurrent.CompletableFuture<Void> closeHeldRequests() {
    if (endpoints != null) {
      return endpoints.closeHeld();
    }
    return java.util.concurrent.CompletableFuture.completedFuture(null);
  }

  @Override
  public void destroy() {
    if (endpoints != null) {
      getServletContext().removeAttribute(ATTRIBUTE_PREFIX + getServletName());
      endpoints.close();
    }
    if (ownsDuplex && duplex != null) {
      duplex.close();
    }
  }
}

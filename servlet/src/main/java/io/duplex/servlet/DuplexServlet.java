package io.duplex.servlet;

import io.duplex.Duplex;
import io.duplex.internal.DuplexRuntime;
import io.duplex.servlet.internal.Endpoints;
import io.duplex.servlet.internal.InitParams;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Every Duplex HTTP endpoint (docs/protocol.md): the engine script, interface stubs, the handshake,
 * calls and reverse delivery. Map it with a trailing wildcard, e.g. {@code /duplex/*}, and mark it
 * async-supported: calls returning futures and held reverse connections never hold a request thread.
 *
 * <p>Either construct it with a {@link Duplex} (programmatic registration; the application keeps
 * and closes the Duplex), or declare it in web.xml with init-params: {@code services} (comma-separated
 * {@code @RemoteService} class names) and any setting of {@link io.duplex.ConfigBuilder} by name. An
 * unknown init-param fails startup. A Duplex built from init-params is closed when the servlet is
 * destroyed; the application reaches it with {@link #duplex()}.
 */
public class DuplexServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private transient Duplex duplex;
  private final boolean ownsDuplex;
  private transient Endpoints endpoints;

  /** For web.xml: services and settings come from init-params. */
  public DuplexServlet() {
    this.ownsDuplex = true;
  }

  /** For programmatic registration: services and settings come from {@code duplex}. */
  public DuplexServlet(Duplex duplex) {
    if (duplex == null) {
      throw new IllegalArgumentException("duplex is required");
    }
    this.duplex = duplex;
    this.ownsDuplex = false;
  }

  @Override
  public void init() throws ServletException {
    if (ownsDuplex) {
      duplex = InitParams.build(getServletConfig());
    } else {
      InitParams.requireNone(getServletConfig());
    }
    try {
      endpoints = new Endpoints(
          DuplexRuntime.of(duplex), "io.duplex.servlet.state:" + getServletName(), getServletContext());
    } catch (IllegalStateException misconfigured) {
      throw new ServletException(misconfigured.getMessage(), misconfigured);
    }
  }

  /** The Duplex this servlet serves, to call the browser from application code. */
  public Duplex duplex() {
    return duplex;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    endpoints.handle(request, response);
  }

  @Override
  public void destroy() {
    if (endpoints != null) {
      endpoints.close();
    }
    if (ownsDuplex && duplex != null) {
      duplex.close();
    }
  }
}

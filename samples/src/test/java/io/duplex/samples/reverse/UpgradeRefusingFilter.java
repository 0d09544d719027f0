package io.duplex.samples.reverse;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The strict policy, and a 403 for every WebSocket upgrade, as a proxy in front of the app that
 * does not pass upgrades would answer.
 */
final class UpgradeRefusingFilter implements jakarta.servlet.Filter {
  private final StrictPolicyFilter policy = new StrictPolicyFilter();

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    if ("websocket".equalsIgnoreCase(http.getHeader("Upgrade"))) {
      ((HttpServletResponse) response).sendError(HttpServletResponse.SC_FORBIDDEN, "no upgrades here");
      return;
    }
    policy.doFilter(request, response, chain);
  }
}

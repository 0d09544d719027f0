package io.duplex.samples.reverse;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Scripts only from this origin, no inline script, no eval: reverse calls must still arrive. */
final class StrictPolicyFilter implements Filter {
  static final String CSP = "default-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    ((HttpServletResponse) response).setHeader("Content-Security-Policy", CSP);
    chain.doFilter(request, response);
  }
}

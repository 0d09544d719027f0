package io.duplex.samples;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@link SecurityHeaders} on every response the servlet context writes. */
final class SecurityHeadersFilter implements Filter {
  static final String CSP = SecurityHeaders.CSP;

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    SecurityHeaders.applyTo(((HttpServletResponse) response)::setHeader);
    chain.doFilter(request, response);
  }
}

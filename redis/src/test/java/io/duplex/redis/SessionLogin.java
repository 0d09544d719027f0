package io.duplex.redis;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;

/**
 * Stands in for a login kept in the HTTP session: a request with {@code X-Test-User: ann} signs its
 * browser in as ann, and that browser's later requests (streams, polls) are ann's too.
 */
final class SessionLogin implements Filter {
  static final String HEADER = "X-Test-User";
  private static final String ATTRIBUTE = "test.user";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    String user = http.getHeader(HEADER);
    if (user != null) {
      http.getSession(true).setAttribute(ATTRIBUTE, user);
    } else {
      HttpSession session = http.getSession(false);
      user = session == null ? null : (String) session.getAttribute(ATTRIBUTE);
    }
    if (user == null) {
      chain.doFilter(request, response);
      return;
    }
    Principal principal = user::toString;
    chain.doFilter(
        new HttpServletRequestWrapper(http) {
          @Override
          public Principal getUserPrincipal() {
            return principal;
          }

          @Override
          public String getRemoteUser() {
            return principal.getName();
          }
        },
        response);
  }
}

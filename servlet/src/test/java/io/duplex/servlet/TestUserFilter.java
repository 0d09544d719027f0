package io.duplex.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.security.Principal;
import java.util.Set;

/**
 * Stands in for container authentication: a request with {@code X-Test-User: ann} and {@code
 * X-Test-Roles: admin,editor} is authenticated as ann with those roles.
 */
public final class TestUserFilter implements Filter {
  public static final String USER = "X-Test-User";
  public static final String ROLES = "X-Test-Roles";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    String user = http.getHeader(USER);
    if (user == null) {
      chain.doFilter(request, response);
      return;
    }
    String roleHeader = http.getHeader(ROLES);
    Set<String> roles = roleHeader == null ? Set.of() : Set.of(roleHeader.split(","));
    Principal principal = () -> user;
    chain.doFilter(
        new HttpServletRequestWrapper(http) {
          @Override
          public Principal getUserPrincipal() {
            return principal;
          }

          @Override
          public String getRemoteUser() {
            return user;
          }

          @Override
          public boolean isUserInRole(String role) {
            return roles.contains(role);
          }
        },
        response);
  }
}

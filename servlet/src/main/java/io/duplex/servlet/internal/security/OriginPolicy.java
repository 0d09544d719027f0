package io.duplex.servlet.internal.security;

import io.duplex.internal.protocol.ErrorCode;
import io.duplex.internal.protocol.ProtocolException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 2 of the POST checks: the request must be addressed to an allowed host (when {@code
 * allowedHosts} is set) and come from a page of this server's own origin or of an allowed one, as
 * told by {@code Origin} or, when a browser leaves it out, {@code Referer}.
 *
 * <p>The own origin is {@code scheme://Host} (or the server name and port the container reports).
 * Without {@code allowedHosts} any Host passes, so a DNS-rebinding page (its own name now resolving
 * to this server) is "same origin"; with it, only an own origin whose host is listed counts.
 */
public final class OriginPolicy {
  private static final Logger LOG = LoggerFactory.getLogger(OriginPolicy.class);
  /** Why an https page's request arrives as http, and the fix: the container must trust the proxy. */
  private static final String BEHIND_PROXY =
      ": the page is https but the request reached the server as http, as it does behind a proxy that"
          + " ends TLS; make the container apply the proxy's forwarded headers (X-Forwarded-Proto and"
          + " X-Forwarded-Host, or Forwarded): Jetty ForwardedRequestCustomizer, Tomcat RemoteIpValve,"
          + " Spring Boot server.forward-headers-strategy=native (README \"Behind a proxy\")";

  private final Set<String> allowed = new HashSet<>();
  private final Set<String> hosts = new HashSet<>();
  private final AtomicBoolean proxyReported = new AtomicBoolean();

  /**
   * @param allowedOrigins origins allowed besides the request's own
   * @param allowedHosts host[:port] names the server answers to; empty: any
   */
  public OriginPolicy(List<String> allowedOrigins, List<String> allowedHosts) {
    for (String origin : allowedOrigins) {
      String normalised = normalise(origin);
      if (normalised == null) {
        throw new IllegalArgumentException("allowedOrigins: '" + origin + "' is not scheme://host[:port]");
      }
      allowed.add(normalised);
    }
    for (String host : allowedHosts) {
      hosts.add(host.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * With {@code allowedHosts} set, the request's {@code Host} (or the server name the container
   * reports, which behind a trusted proxy comes from its forwarded headers) must be one of them,
   * else {@code HOST_REJECTED}. Runs on every request, GETs included.
   */
  public void checkHost(HttpServletRequest request) {
    if (!hosts.isEmpty() && !hostHeaderAllowed(request) && !serverNameAllowed(request)) {
      throw new ProtocolException(ErrorCode.HOST_REJECTED, "This server does not answer to that host name");
    }
  }

  /** An entry without a port allows its host on any port; one with a port, only that port. */
  private boolean hostHeaderAllowed(HttpServletRequest request) {
    String host = request.getHeader("Host");
    if (host == null || host.isEmpty()) {
      return serverNameAllowed(request);
    }
    String lower = host.trim().toLowerCase(Locale.ROOT);
    return hosts.contains(lower) || hosts.contains(withoutPort(lower));
  }

  private boolean serverNameAllowed(HttpServletRequest request) {
    String name = request.getServerName();
    if (name == null || name.isEmpty()) {
      return false;
    }
    name = name.toLowerCase(Locale.ROOT);
    if (name.indexOf(':') >= 0 && !name.startsWith("[")) {
      name = "[" + name + "]";
    }
    return hosts.contains(name) || hosts.contains(name + ":" + request.getServerPort());
  }

  /** {@code host} of {@code host:port}, {@code [::1]} of {@code [::1]:8080}; as is without a port. */
  private static String withoutPort(String host) {
    int colon = host.lastIndexOf(':');
    if (colon < 0 || colon < host.lastIndexOf(']') || colon == host.length() - 1) {
      return host;
    }
    for (int i = colon + 1; i < host.length(); i++) {
      if (host.charAt(i) < '0' || host.charAt(i) > '9') {
        return host;
      }
    }
    return host.substring(0, colon);
  }

  public void check(HttpServletRequest request) {
    boolean hostOk = hosts.isEmpty() || hostHeaderAllowed(request);
    if (!hostOk && !serverNameAllowed(request)) {
      throw new ProtocolException(ErrorCode.HOST_REJECTED, "This server does not answer to that host name");
    }
    String origin = request.getHeader("Origin");
    String source = "Origin";
    if (origin == null) {
      origin = request.getHeader("Referer");
      source = "Referer";
      if (origin == null) {
        throw new ProtocolException(ErrorCode.ORIGIN_REJECTED, "Request has neither an Origin nor a Referer header");
      }
    }
    if (hostOk && source.equals("Origin") && isOwnOriginVerbatim(origin, request)) {
      return;
    }
    String normalised = normalise(origin);
    // With allowedHosts, an own origin counts only when its host is one of them.
    if (normalised != null
        && ((hostOk && normalised.equals(ownOrigin(request)))
            || allowed.contains(normalised)
            || (normalised.equals(serverOrigin(request)) && (hosts.isEmpty() || serverNameAllowed(request))))) {
      return;
    }
    String refusal = "Requests from " + (normalised == null ? "this " + source : normalised) + " are not allowed";
    if (normalised != null && normalised.startsWith("https://") && "http".equalsIgnoreCase(request.getScheme())) {
      refusal += BEHIND_PROXY;
      if (proxyReported.compareAndSet(false, true)) {
        LOG.warn("{} (logged once)", refusal);
      }
    }
    throw new ProtocolException(ErrorCode.ORIGIN_REJECTED, refusal);
  }

  /**
   * The common case without parsing: a browser's {@code Origin} is exactly {@code scheme://Host} of
   * the request (URI parsing both sides cost ~6% of the server's CPU per call in the benchmark).
   * Only a Host made of host-name characters qualifies; anything else takes the parsing path.
   */
  static boolean isOwnOriginVerbatim(String origin, HttpServletRequest request) {
    String host = request.getHeader("Host");
    String scheme = request.getScheme();
    if (host == null || host.isEmpty() || scheme == null || !isPlainHost(host)) {
      return false;
    }
    int s = scheme.length();
    return origin.length() == s + 3 + host.length()
        && origin.regionMatches(true, 0, scheme, 0, s)
        && origin.startsWith("://", s)
        && origin.regionMatches(true, s + 3, host, 0, host.length());
  }

  private static boolean isPlainHost(String host) {
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static String ownOrigin(HttpServletRequest request) {
    String host = request.getHeader("Host");
    if (host == null || host.isEmpty()) {
      host = request.getServerName() + ":" + request.getServerPort();
    }
    return normalise(request.getScheme() + "://" + host);
  }

  /**
   * The origin as the container names the server: the same as {@link #ownOrigin} unless a proxy
   * setup (Tomcat's RemoteIpValve with {@code hostHeader}, for one) set the server name from a
   * forwarded header of a trusted proxy and left the {@code Host} header as the proxy sent it.
   */
  static String serverOrigin(HttpServletRequest request) {
    String name = request.getServerName();
    if (name == null || name.isEmpty()) {
      return null;
    }
    if (name.indexOf(':') >= 0 && !name.startsWith("[")) {
      name = "[" + name + "]";
    }
    return normalise(request.getScheme() + "://" + name + ":" + request.getServerPort());
  }

  /** {@code scheme://host[:port]} in lower case without a default port, or null if not a URL. */
  static String normalise(String url) {
    try {
      URI uri = new URI(url.trim());
      String scheme = uri.getScheme();
      String host = uri.getHost();
      if (scheme == null || host == null) {
        return null;
      }
      scheme = scheme.toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      boolean defaultPort =
          port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
      return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    } catch (URISyntaxException e) {
      return null;
    }
  }
}

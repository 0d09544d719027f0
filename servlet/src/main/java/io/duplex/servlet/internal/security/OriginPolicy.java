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

/**
 * Step 2 of the POST checks: the request must be addressed to an allowed host (when {@code
 * allowedHosts} is set) and come from a page of this server's own origin or of an allowed one, as
 * told by {@code Origin} or, when a browser leaves it out, {@code Referer}.
 *
 * <p>The own origin is {@code scheme://Host}. Without {@code allowedHosts} any Host passes, so a
 * DNS-rebinding page (its own name now resolving to this server) is "same origin"; with it, the
 * Host must be one of the server's real names first.
 */
public final class OriginPolicy {
  private final Set<String> allowed = new HashSet<>();
  private final Set<String> hosts = new HashSet<>();

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
   * With {@code allowedHosts} set, the request's {@code Host} must be one of them, else {@code
   * HOST_REJECTED}. Runs on every request, GETs included.
   */
  public void checkHost(HttpServletRequest request) {
    if (hosts.isEmpty()) {
      return;
    }
    String host = request.getHeader("Host");
    if (host == null || host.isEmpty()) {
      host = request.getServerName() + ":" + request.getServerPort();
    }
    String lower = host.trim().toLowerCase(Locale.ROOT);
    // An entry without a port allows its host on any port; one with a port, only that port.
    if (hosts.contains(lower) || hosts.contains(withoutPort(lower))) {
      return;
    }
    throw new ProtocolException(ErrorCode.HOST_REJECTED, "This server does not answer to that host name");
  }

  public void check(HttpServletRequest request) {
    checkHost(request);
    String origin = request.getHeader("Origin");
    String source = "Origin";
    if (origin == null) {
      origin = request.getHeader("Referer");
      source = "Referer";
      if (origin == null) {
        throw new ProtocolException(ErrorCode.ORIGIN_REJECTED, "Request has neither an Origin nor a Referer header");
      }
    }
    if (source.equals("Origin") && isOwnOriginVerbatim(origin, request)) {
      return;
    }
    String normalised = normalise(origin);
    if (normalised != null && (normalised.equals(ownOrigin(request)) || allowed.contains(normalised))) {
      return;
    }
    throw new ProtocolException(
        ErrorCode.ORIGIN_REJECTED,
        "Requests from " + (normalised == null ? "this " + source : normalised) + " are not allowed");
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

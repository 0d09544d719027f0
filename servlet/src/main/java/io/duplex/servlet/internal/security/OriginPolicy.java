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
 * Step 2 of the POST checks: the request must come from a page of this server's own origin or of
 * an allowed one, as told by {@code Origin} or, when a browser leaves it out, {@code Referer}.
 */
public final class OriginPolicy {
  private final Set<String> allowed = new HashSet<>();

  public OriginPolicy(List<String> allowedOrigins) {
    for (String origin : allowedOrigins) {
      String normalised = normalise(origin);
      if (normalised == null) {
        throw new IllegalArgumentException("allowedOrigins: '" + origin + "' is not scheme://host[:port]");
      }
      allowed.add(normalised);
    }
  }

  public void check(HttpServletRequest request) {
    String origin = request.getHeader("Origin");
    String source = "Origin";
    if (origin == null) {
      origin = request.getHeader("Referer");
      source = "Referer";
      if (origin == null) {
        throw new ProtocolException(ErrorCode.ORIGIN_REJECTED, "Request has neither an Origin nor a Referer header");
      }
    }
    String normalised = normalise(origin);
    if (normalised != null && (normalised.equals(ownOrigin(request)) || allowed.contains(normalised))) {
      return;
    }
    throw new ProtocolException(
        ErrorCode.ORIGIN_REJECTED,
        "Requests from " + (normalised == null ? "this " + source : normalised) + " are not allowed");
  }

  static String ownOrigin(HttpServletRequest request) {
    String host = request.getHeader("Host");
    if (host == null || host.isEmpty()) {
      host = request.getServerName() + ":" + request.getServerPort();
    }
    return normalise(request.getScheme() + "://" + host);
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

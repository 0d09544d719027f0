package io.duplex.samples;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The headers every response of the samples app carries, pages and error pages alike: a strict
 * Content-Security-Policy (scripts only from this origin, no inline script, no eval; Duplex needs
 * nothing more, reverse calls are data, not script), no MIME sniffing, no framing, and no full
 * URL in Referer to other sites.
 */
final class SecurityHeaders {
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none';"
          + " form-action 'self'";

  static final Map<String, String> ALL =
      Map.of(
          "Content-Security-Policy", CSP,
          "X-Content-Type-Options", "nosniff",
          "X-Frame-Options", "DENY",
          "Referrer-Policy", "same-origin");

  private SecurityHeaders() {}

  static void applyTo(BiConsumer<String, String> setHeader) {
    ALL.forEach(setHeader);
  }
}

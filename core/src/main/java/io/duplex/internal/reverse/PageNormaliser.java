package io.duplex.internal.reverse;

/**
 * Turns a page's {@code location.pathname + location.search} into the name pages are targeted by
 * (protocol section 2), so that {@code /chat.html;jsessionid=X?room=1} and {@code //chat.html}
 * reach the same pages as {@code /chat.html}.
 *
 * <p>One pass over the text, whatever it holds: the page comes from a client before any
 * authentication, so the work must stay linear in its length (removing each {@code ;jsessionid=}
 * by rescanning the whole string made one crafted handshake cost seconds of CPU).
 */
final class PageNormaliser {
  private static final String JSESSIONID = ";jsessionid=";

  private PageNormaliser() {}

  static String normalise(String raw, boolean includeQuery) {
    if (raw == null) {
      return "/";
    }
    int end = raw.indexOf('#');
    if (end < 0) {
      end = raw.length();
    }
    int question = raw.indexOf('?');
    int pathEnd = question >= 0 && question < end ? question : end;
    StringBuilder out = new StringBuilder(end + 1);
    out.append('/');
    int i = 0;
    while (i < pathEnd) {
      char c = raw.charAt(i);
      if (c == ';' && raw.regionMatches(true, i, JSESSIONID, 0, JSESSIONID.length())
          && i + JSESSIONID.length() <= pathEnd) {
        // The parameter runs to the next path segment or parameter.
        i += JSESSIONID.length();
        while (i < pathEnd && raw.charAt(i) != '/' && raw.charAt(i) != ';') {
          i++;
        }
        continue;
      }
      // The leading '/' is already there; any '/' after a '/' is a run to collapse.
      if (c != '/' || out.charAt(out.length() - 1) != '/') {
        out.append(c);
      }
      i++;
    }
    // A bare "?" carries nothing, so it never splits one page into two names.
    if (includeQuery && end - pathEnd > 1) {
      out.append(raw, pathEnd, end);
    }
    return out.toString();
  }
}

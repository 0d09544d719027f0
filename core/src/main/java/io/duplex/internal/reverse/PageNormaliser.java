package io.duplex.internal.reverse;

/**
 * Turns a page's {@code location.pathname + location.search} into the name pages are targeted by
 * (protocol section 2), so that {@code /chat.html;jsessionid=X?room=1} and {@code //chat.html}
 * reach the same pages as {@code /chat.html}.
 */
final class PageNormaliser {
  private static final String JSESSIONID = ";jsessionid=";

  private PageNormaliser() {}

  static String normalise(String raw, boolean includeQuery) {
    if (raw == null) {
      return "/";
    }
    String text = raw;
    int hash = text.indexOf('#');
    if (hash >= 0) {
      text = text.substring(0, hash);
    }
    int question = text.indexOf('?');
    String path = question >= 0 ? text.substring(0, question) : text;
    String query = question >= 0 ? text.substring(question) : "";
    path = collapseSlashes(withoutSessionId(path));
    if (path.isEmpty() || path.charAt(0) != '/') {
      path = "/" + path;
    }
    // A bare "?" carries nothing, so it never splits one page into two names.
    return includeQuery && query.length() > 1 ? path + query : path;
  }

  private static String withoutSessionId(String path) {
    String result = path;
    int start;
    while ((start = indexOfIgnoreCase(result, JSESSIONID)) >= 0) {
      int end = start + JSESSIONID.length();
      while (end < result.length() && result.charAt(end) != '/' && result.charAt(end) != ';') {
        end++;
      }
      result = result.substring(0, start) + result.substring(end);
    }
    return result;
  }

  private static int indexOfIgnoreCase(String text, String lowerNeedle) {
    int last = text.length() - lowerNeedle.length();
    for (int i = 0; i <= last; i++) {
      if (text.regionMatches(true, i, lowerNeedle, 0, lowerNeedle.length())) {
        return i;
      }
    }
    return -1;
  }

  private static String collapseSlashes(String path) {
    if (!path.contains("//")) {
      return path;
    }
    StringBuilder out = new StringBuilder(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c != '/' || out.length() == 0 || out.charAt(out.length() - 1) != '/') {
        out.append(c);
      }
    }
    return out.toString();
  }
}

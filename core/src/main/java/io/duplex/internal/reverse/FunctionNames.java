package io.duplex.internal.reverse;

import java.util.Set;

/**
 * Checks the JavaScript function names Java code calls. Only dotted identifier paths are allowed,
 * so a name can neither carry script nor walk into an object's prototype chain; the page applies
 * the same rule (protocol section 4).
 */
final class FunctionNames {
  private static final Set<String> FORBIDDEN_SEGMENTS = Set.of("__proto__", "prototype", "constructor");

  private FunctionNames() {}

  /** Returns {@code name} when it is a valid dotted path, else throws IllegalArgumentException. */
  static String requireValid(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("A JavaScript function name is required");
    }
    int segmentStart = 0;
    for (int i = 0; i <= name.length(); i++) {
      if (i == name.length() || name.charAt(i) == '.') {
        checkSegment(name, name.substring(segmentStart, i));
        segmentStart = i + 1;
      } else if (!isNameChar(name.charAt(i))) {
        throw invalid(name, "only letters, digits, '_', '$' and '.' are allowed");
      }
    }
    return name;
  }

  private static void checkSegment(String name, String segment) {
    if (segment.isEmpty()) {
      throw invalid(name, "empty segment");
    }
    if (FORBIDDEN_SEGMENTS.contains(segment)) {
      throw invalid(name, "'" + segment + "' is never followed");
    }
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  private static IllegalArgumentException invalid(String name, String why) {
    return new IllegalArgumentException("Invalid JavaScript function name '" + name + "': " + why);
  }
}

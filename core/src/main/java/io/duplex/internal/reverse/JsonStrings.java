package io.duplex.internal.reverse;

/** JSON string literals for the few strings the reverse payloads embed (page-chosen handle ids). */
final class JsonStrings {
  private JsonStrings() {}

  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
        // Control characters are invalid raw; U+2028/2029 break older script parsers.
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}

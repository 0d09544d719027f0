package io.duplex.internal.convert;

import java.util.UUID;

/** Canonical UUID text only: {@link UUID#fromString} also takes forms like "1-2-3-4-5". */
final class Uuids {
  private Uuids() {}

  static UUID parse(String text) {
    if (text.length() != 36) {
      throw new IllegalArgumentException("not 36 characters");
    }
    for (int i = 0; i < 36; i++) {
      char c = text.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      boolean ok =
          dash
              ? c == '-'
              : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!ok) {
        throw new IllegalArgumentException("not a canonical UUID");
      }
    }
    return UUID.fromString(text);
  }
}

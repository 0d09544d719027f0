package io.duplex.internal.convert;

import com.google.gson.ToNumberStrategy;
import com.google.gson.stream.JsonReader;
import java.io.IOException;

/**
 * Numbers read into Object (and Number), as gson's LONG_OR_DOUBLE: a Long when the text is an
 * integer literal that fits, else a finite Double. NaN and infinities are refused with a
 * browser-safe message.
 */
final class ObjectNumbers implements ToNumberStrategy {
  static final ObjectNumbers INSTANCE = new ObjectNumbers();

  private ObjectNumbers() {}

  private static boolean isPlainInteger(String text) {
    int n = text.length();
    int i = n > 0 && text.charAt(0) == '-' ? 1 : 0;
    if (i == n) {
      return false;
    }
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public Number readNumber(JsonReader in) throws IOException {
    String text = in.nextString();
    try {
      if (isPlainInteger(text)) {
        try {
          return Long.parseLong(text);
        } catch (NumberFormatException tooBig) {
          // falls through to a Double, as gson's LONG_OR_DOUBLE does
        }
      }
      return NumberKind.DOUBLE.parse(text);
    } catch (NumberFormatException | ArithmeticException e) {
      throw ConversionFailure.refused(
          NumberKind.DOUBLE.range, in, ConversionFailure.number(text), null);
    }
  }
}

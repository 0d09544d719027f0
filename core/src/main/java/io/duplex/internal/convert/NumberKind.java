package io.duplex.internal.convert;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The number types of protocol section 3.2: how each is parsed exactly from JSON number text (or a
 * decimal string where allowed) and how it is written.
 */
enum NumberKind {
  BYTE("a number", whole(Byte.MIN_VALUE, Byte.MAX_VALUE), false) {
    @Override
    Number parse(String text) {
      return (byte) parseWhole(text, Byte.MIN_VALUE, Byte.MAX_VALUE);
    }
  },
  SHORT("a number", whole(Short.MIN_VALUE, Short.MAX_VALUE), false) {
    @Override
    Number parse(String text) {
      return (short) parseWhole(text, Short.MIN_VALUE, Short.MAX_VALUE);
    }
  },
  INT("a number", whole(Integer.MIN_VALUE, Integer.MAX_VALUE), false) {
    @Override
    Number parse(String text) {
      return (int) parseWhole(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
  },
  LONG("a number or a decimal string", whole(Long.MIN_VALUE, Long.MAX_VALUE), true) {
    @Override
    Number parse(String text) {
      return parseWhole(text, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @Override
    void write(JsonWriter out, Number value) throws IOException {
      long v = value.longValue();
      if (v >= -MAX_SAFE_INTEGER && v <= MAX_SAFE_INTEGER) {
        out.value(v);
      } else {
        // Beyond 2^53 - 1 a JavaScript number would silently change the value.
        out.value(Long.toString(v));
      }
    }
  },
  FLOAT("a number", "a number from -3.4028235E38 to 3.4028235E38", false) {
    @Override
    Number parse(String text) {
      double d = parseFinite(text);
      if (Math.abs(d) > Float.MAX_VALUE) {
        throw new ArithmeticException("out of float range");
      }
      return (float) d;
    }

    @Override
    void write(JsonWriter out, Number value) throws IOException {
      writeFinite(out, value instanceof Float ? value : Float.valueOf(value.floatValue()));
    }

    @Override
    String keyText(Number value) {
      return Float.toString(value.floatValue());
    }
  },
  DOUBLE("a number", "a finite number", false) {
    @Override
    Number parse(String text) {
      return parseFinite(text);
    }

    @Override
    void write(JsonWriter out, Number value) throws IOException {
      writeFinite(out, value instanceof Double ? value : Double.valueOf(value.doubleValue()));
    }

    @Override
    String keyText(Number value) {
      return Double.toString(value.doubleValue());
    }
  },
  BIG_INTEGER(
      "a number or a decimal string",
      "a whole number of at most " + NumberKind.MAX_DIGITS + " digits",
      true) {
    @Override
    Number parse(String text) {
      return parseDecimal(text).toBigIntegerExact();
    }

    @Override
    void write(JsonWriter out, Number value) throws IOException {
      out.value(value.toString());
    }

    @Override
    String keyText(Number value) {
      return value.toString();
    }
  },
  BIG_DECIMAL(
      "a decimal string or a number",
      "a decimal number of at most " + NumberKind.MAX_DIGITS + " digits before and after the point",
      true) {
    @Override
    Number parse(String text) {
      return parseDecimal(text);
    }

    @Override
    void write(JsonWriter out, Number value) throws IOException {
      out.value(keyText(value));
    }

    @Override
    String keyText(Number value) {
      return ((BigDecimal) value).toPlainString();
    }
  };

  static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  /** Bounds the work BigInteger/BigDecimal parsing and later arithmetic can be made to do. */
  static final int MAX_DIGITS = 1000;

  /** What JSON type is expected, for a value of the wrong type. */
  final String tokens;

  /** Which values fit, for a number that does not. */
  final String range;

  /** Whether a JSON string holding the number is accepted. */
  final boolean acceptsString;

  NumberKind(String tokens, String range, boolean acceptsString) {
    this.tokens = tokens;
    this.range = range;
    this.acceptsString = acceptsString;
  }

  /**
   * The exact value of {@code text}.
   *
   * @throws NumberFormatException when it is not number text
   * @throws ArithmeticException when it does not fit
   */
  abstract Number parse(String text);

  void write(JsonWriter out, Number value) throws IOException {
    out.value(value.longValue());
  }

  /** The value as a JSON object member name. */
  String keyText(Number value) {
    return Long.toString(value.longValue());
  }

  static NumberKind of(Class<?> type) {
    if (type == Integer.class || type == int.class) {
      return INT;
    } else if (type == Long.class || type == long.class) {
      return LONG;
    } else if (type == Double.class || type == double.class) {
      return DOUBLE;
    } else if (type == Float.class || type == float.class) {
      return FLOAT;
    } else if (type == Short.class || type == short.class) {
      return SHORT;
    } else if (type == Byte.class || type == byte.class) {
      return BYTE;
    } else if (type == BigInteger.class) {
      return BIG_INTEGER;
    } else if (type == BigDecimal.class) {
      return BIG_DECIMAL;
    }
    return null;
  }

  private static String whole(long min, long max) {
    return "a whole number from " + min + " to " + max;
  }

  static long parseWhole(String text, long min, long max) {
    checkNumberText(text);
    long v;
    try {
      v = Long.parseLong(text);
    } catch (NumberFormatException notPlain) {
      // 1.0, 1e3 and the like are whole numbers too; longValueExact refuses fractions and overflow
      // without expanding huge exponents.
      v = parseDecimal(text).longValueExact();
    }
    if (v < min || v > max) {
      throw new ArithmeticException("out of range");
    }
    return v;
  }

  /**
   * Writes a {@code Float} or {@code Double} as its own shortest decimal text, or {@code null} when
   * it is NaN or infinite, as {@code JSON.stringify} does.
   */
  private static void writeFinite(JsonWriter out, Number value) throws IOException {
    if (Double.isFinite(value.doubleValue())) {
      out.value(value);
    } else {
      out.nullValue();
    }
  }

  static double parseFinite(String text) {
    checkNumberText(text);
    double d = Double.parseDouble(text);
    if (!Double.isFinite(d)) {
      throw new ArithmeticException("not finite");
    }
    return d;
  }

  static BigDecimal parseDecimal(String text) {
    checkNumberText(text);
    if (text.length() > MAX_DIGITS) {
      throw new ArithmeticException("too many digits");
    }
    BigDecimal d = new BigDecimal(text);
    if (d.scale() > MAX_DIGITS || d.precision() - d.scale() > MAX_DIGITS) {
      throw new ArithmeticException("too many digits");
    }
    return d;
  }

  /**
   * Java's parsers accept more than JSON (non-ASCII digits, "NaN", "Infinity", type suffixes, hex):
   * only ASCII digits, sign, point and exponent get through.
   */
  private static void checkNumberText(String text) {
    int n = text.length();
    if (n == 0) {
      throw new NumberFormatException("empty");
    }
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')) {
        throw new NumberFormatException("not a number");
      }
    }
  }
}

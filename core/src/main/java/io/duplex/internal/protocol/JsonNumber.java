package io.duplex.internal.protocol;

import java.math.BigDecimal;

/**
 * A JSON number kept as its literal text and parsed only when asked, so a huge or very precise
 * number costs nothing until the converter reads it as its declared type.
 */
final class JsonNumber extends Number {
  /** Larger exponents would make BigDecimal-to-integer conversions arbitrarily slow. */
  private static final int MAX_SCALE = 10_000;

  private final String literal;

  JsonNumber(String literal) {
    this.literal = literal;
  }

  @Override
  public int intValue() {
    try {
      return Integer.parseInt(literal);
    } catch (NumberFormatException e) {
      return (int) longValue();
    }
  }

  @Override
  public long longValue() {
    try {
      return Long.parseLong(literal);
    } catch (NumberFormatException e) {
      return decimal().longValue();
    }
  }

  @Override
  public float floatValue() {
    return Float.parseFloat(literal);
  }

  @Override
  public double doubleValue() {
    return Double.parseDouble(literal);
  }

  private BigDecimal decimal() {
    BigDecimal value = new BigDecimal(literal);
    if (Math.abs((long) value.scale()) > MAX_SCALE) {
      throw new NumberFormatException("number out of range: " + literal);
    }
    return value;
  }

  @Override
  public String toString() {
    return literal;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonNumber other && other.literal.equals(literal);
  }

  @Override
  public int hashCode() {
    return literal.hashCode();
  }
}

package io.duplex.internal.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** long beyond JavaScript's exact range, BigInteger, BigDecimal, and numbers declared loosely. */
class BigNumberConversionTest {
  private static final long MAX_SAFE = 9007199254740991L; // 2^53 - 1

  private final Conversions c = new Conversions();

  @Test
  void longsWithinJavaScriptPrecisionAreNumbers() {
    assertEquals("9007199254740991", c.write(MAX_SAFE, long.class));
    assertEquals("-9007199254740991", c.write(-MAX_SAFE, Long.class));
    assertEquals("0", c.write(0L, long.class));
  }

  @Test
  void longsBeyondJavaScriptPrecisionAreDecimalStrings() {
    assertEquals("\"9007199254740992\"", c.write(MAX_SAFE + 1, long.class));
    assertEquals("\"-9007199254740992\"", c.write(-MAX_SAFE - 1, Long.class));
    assertEquals("\"9223372036854775807\"", c.write(Long.MAX_VALUE, long.class));
    assertEquals("\"-9223372036854775808\"", c.write(Long.MIN_VALUE, long.class));
  }

  @Test
  void longsRoundTripExactlyOnBothSidesOfTheLimit() throws Exception {
    for (long v :
        new long[] {
          MAX_SAFE,
          MAX_SAFE + 1,
          MAX_SAFE + 2,
          -MAX_SAFE,
          -MAX_SAFE - 2,
          Long.MAX_VALUE,
          Long.MIN_VALUE
        }) {
      assertEquals(v, c.roundTrip(v, long.class));
      assertEquals(v, c.roundTrip(v, Long.class));
    }
  }

  @Test
  void longsAreAcceptedAsNumbersOrDecimalStrings() throws Exception {
    assertEquals(9007199254740993L, c.read("9007199254740993", long.class), "read from the text");
    assertEquals(9007199254740993L, c.read("\"9007199254740993\"", Long.class));
    assertEquals(-12L, c.read("\"-12\"", long.class));
  }

  @Test
  void longsRefuseWhatIsNotAWholeNumberInRange() {
    String range = "a whole number from -9223372036854775808 to 9223372036854775807";
    assertEquals(
        "expected " + range + ", got \"9223372036854775808\"",
        c.refusal("\"9223372036854775808\"", long.class));
    assertEquals("expected " + range + ", got 1e30", c.refusal("1e30", long.class));
    assertEquals("expected " + range + ", got \"12.5\"", c.refusal("\"12.5\"", Long.class));
    assertEquals("expected " + range + ", got \"abc\"", c.refusal("\"abc\"", long.class));
    assertEquals("expected " + range + ", got \" 12\"", c.refusal("\" 12\"", long.class));
    assertEquals("expected " + range + ", got \"NaN\"", c.refusal("\"NaN\"", Long.class));
    assertEquals(
        "expected " + range + ", got \"\u0661\u0662\"",
        c.refusal("\"\u0661\u0662\"", long.class),
        "digits of other scripts are not JSON digits");
    assertEquals(
        "expected a number or a decimal string, got a boolean", c.refusal("true", long.class));
  }

  @Test
  void bigIntegersAreExactDecimalStrings() throws Exception {
    BigInteger big = new BigInteger("123456789012345678901234567890");
    assertEquals("\"123456789012345678901234567890\"", c.write(big, BigInteger.class));
    assertEquals(big, c.read("\"123456789012345678901234567890\"", BigInteger.class));
    assertEquals(big, c.read("123456789012345678901234567890", BigInteger.class), "a number too");
    assertEquals(big.negate(), c.roundTrip(big.negate(), BigInteger.class));
    assertNull(c.read("null", BigInteger.class));
    assertEquals(
        "expected a whole number of at most 1000 digits, got \"1.5\"",
        c.refusal("\"1.5\"", BigInteger.class));
    assertEquals(
        "expected a number or a decimal string, got an array", c.refusal("[]", BigInteger.class));
  }

  @Test
  void bigDecimalsKeepEveryDigitAndTheirScale() throws Exception {
    assertEquals("\"0.1\"", c.write(new BigDecimal("0.1"), BigDecimal.class));
    assertEquals("\"1.10\"", c.write(new BigDecimal("1.10"), BigDecimal.class));
    assertEquals(
        "\"1000\"", c.write(new BigDecimal("1E+3"), BigDecimal.class), "plain, no exponent");
    BigDecimal precise = new BigDecimal("3.14159265358979323846264338327950288419716939937510");
    assertEquals(precise, c.roundTrip(precise, BigDecimal.class));
    assertEquals(new BigDecimal("0.1"), c.read("0.1", BigDecimal.class), "a number's exact text");
    assertEquals(new BigDecimal("-2.50"), c.read("\"-2.50\"", BigDecimal.class));
    assertEquals(
        "expected a decimal string or a number, got a boolean",
        c.refusal("false", BigDecimal.class));
  }

  @Test
  void hugeExponentsAreRefusedWithoutExpandingThem() {
    String digits = "a decimal number of at most 1000 digits before and after the point";
    assertEquals(
        "expected " + digits + ", got \"1e-2000\"", c.refusal("\"1e-2000\"", BigDecimal.class));
    assertEquals("expected " + digits + ", got 1e2000", c.refusal("1e2000", BigDecimal.class));
    assertEquals(
        "expected a whole number of at most 1000 digits, got \"1e999999999\"",
        c.refusal("\"1e999999999\"", BigInteger.class));
    c.refusal("\"" + "9".repeat(5000) + "\"", BigInteger.class);
    c.refusal("1e999999999", long.class);
  }

  @Test
  void valuesDeclaredAsObjectFollowTheLongRule() {
    assertEquals("\"9007199254740993\"", c.write(9007199254740993L, Object.class));
    assertEquals("42", c.write(42L, Object.class));
    assertEquals(
        "{\"id\":\"9007199254740993\"}", c.write(Map.of("id", 9007199254740993L), Object.class));
    assertEquals("[1,\"9223372036854775807\"]", c.write(List.of(1L, Long.MAX_VALUE), Object.class));
    assertEquals("\"9007199254740993\"", c.write(9007199254740993L, null));
  }

  @Test
  void numbersReadAsObjectAreLongOrDouble() throws Exception {
    assertEquals(12L, c.read("12", Object.class));
    assertEquals(9007199254740993L, c.read("9007199254740993", Object.class));
    assertEquals(2.5, c.read("2.5", Object.class));
    assertEquals(1.0, c.read("1.0", Object.class));
    assertEquals(1e20, c.read("100000000000000000000", Object.class), "beyond long: a double");
    assertEquals("expected a finite number, got 1e999", c.refusal("1e999", Object.class));
  }

  @Test
  void valuesDeclaredAsNumberAreLongOrDoubleAndWrittenByTheirClass() throws Exception {
    assertEquals(5L, c.read("5", Number.class));
    assertEquals(0.5, c.read("0.5", Number.class));
    assertNull(c.read("null", Number.class));
    assertEquals("expected a number, got a string", c.refusal("\"5\"", Number.class));
    assertEquals("\"9007199254740993\"", c.write(9007199254740993L, Number.class));
    assertEquals("\"0.10\"", c.write(new BigDecimal("0.10"), Number.class));
    assertEquals("7", c.write(7, Number.class));
  }
}

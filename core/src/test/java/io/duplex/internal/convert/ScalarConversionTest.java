package io.duplex.internal.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Booleans, the small number types, char and String: right JSON type only, exact values only. */
class ScalarConversionTest {
  private final Conversions c = new Conversions();

  @Test
  void booleansComeOnlyFromJsonBooleans() throws Exception {
    assertEquals(true, c.read("true", boolean.class));
    assertEquals(false, c.read("false", Boolean.class));
    assertNull(c.read("null", Boolean.class));
    assertEquals("expected a boolean, got a string", c.refusal("\"true\"", boolean.class));
    assertEquals("expected a boolean, got a number", c.refusal("1", Boolean.class));
    assertEquals("expected a boolean, got null", c.refusal("null", boolean.class));
  }

  @Test
  void booleansAreWrittenAsJsonBooleans() {
    assertEquals("true", c.write(true, boolean.class));
    assertEquals("false", c.write(Boolean.FALSE, Boolean.class));
    assertEquals("null", c.write(null, Boolean.class));
  }

  @Test
  void smallNumberTypesReadJsonNumbers() throws Exception {
    assertEquals(42, c.read("42", int.class));
    assertEquals(-7, c.read("-7", Integer.class));
    assertEquals((short) 32767, c.read("32767", short.class));
    assertEquals((byte) -128, c.read("-128", Byte.class));
    assertEquals(2.5, c.read("2.5", double.class));
    assertEquals(0.1f, c.read("0.1", float.class));
    assertEquals(1e-320, c.read("1e-320", Double.class));
  }

  @Test
  void wholeNumbersWrittenOtherwiseAreStillWhole() throws Exception {
    assertEquals(1, c.read("1.0", int.class));
    assertEquals(100, c.read("1e2", int.class));
    assertEquals(0, c.read("-0", int.class));
  }

  @Test
  void numbersAreNotReadFromStrings() {
    assertEquals("expected a number, got a string", c.refusal("\"12\"", int.class));
    assertEquals("expected a number, got a string", c.refusal("\"1.5\"", Double.class));
    assertEquals("expected a number, got a boolean", c.refusal("true", short.class));
    assertEquals("expected a number, got an array", c.refusal("[1]", float.class));
    assertEquals("expected a number, got an object", c.refusal("{}", byte.class));
  }

  @Test
  void nullIsRefusedForPrimitivesAndKeptForWrappers() throws Exception {
    for (Class<?> primitive :
        new Class<?>[] {int.class, short.class, byte.class, double.class, float.class}) {
      assertEquals("expected a number, got null", c.refusal("null", primitive), primitive::getName);
    }
    assertEquals("expected a number or a decimal string, got null", c.refusal("null", long.class));
    assertNull(c.read("null", Integer.class));
    assertNull(c.read("null", Double.class));
    assertNull(c.read("null", Long.class));
  }

  @Test
  void integersOutOfRangeOrWithFractionsAreRefused() {
    assertEquals(
        "expected a whole number from -2147483648 to 2147483647, got 3000000000",
        c.refusal("3000000000", int.class));
    assertEquals(
        "expected a whole number from -2147483648 to 2147483647, got 1.5",
        c.refusal("1.5", Integer.class));
    assertEquals(
        "expected a whole number from -32768 to 32767, got 32768", c.refusal("32768", short.class));
    assertEquals("expected a whole number from -128 to 127, got 128", c.refusal("128", byte.class));
    assertEquals(
        "expected a whole number from -2147483648 to 2147483647, got 1e999999999",
        c.refusal("1e999999999", int.class));
  }

  @Test
  void floatingPointOutOfRangeIsRefused() {
    assertEquals("expected a finite number, got 1e999", c.refusal("1e999", double.class));
    assertEquals(
        "expected a number from -3.4028235E38 to 3.4028235E38, got 1e39",
        c.refusal("1e39", float.class));
  }

  @Test
  void nanAndInfinitiesAreRefusedOnInput() {
    JsonConverter converter = c.converter();
    for (double special :
        new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      JsonPrimitive json = new JsonPrimitive(special);
      assertEquals(
          "expected a finite number, got " + special,
          assertThrows(ConversionException.class, () -> converter.fromJson(json, double.class))
              .getMessage());
      assertThrows(ConversionException.class, () -> converter.fromJson(json, float.class));
      assertThrows(ConversionException.class, () -> converter.fromJson(json, int.class));
      assertThrows(ConversionException.class, () -> converter.fromJson(json, Object.class));
    }
    // A lenient parser reads NaN into the tree; it is still not a number we accept.
    JsonArray lenient = JsonParser.parseString("[NaN]").getAsJsonArray();
    assertThrows(ConversionException.class, () -> converter.fromJson(lenient.get(0), double.class));
  }

  @Test
  void nanAndInfinitiesAreWrittenAsNullLikeJavaScriptDoes() {
    assertEquals("null", c.write(Double.NaN, double.class));
    assertEquals("null", c.write(Double.POSITIVE_INFINITY, Double.class));
    assertEquals("null", c.write(Float.NEGATIVE_INFINITY, float.class));
    assertEquals("[1.5,null]", c.write(new double[] {1.5, Double.NaN}, double[].class));
  }

  @Test
  void numbersAreWrittenAsJsonNumbers() {
    assertEquals("42", c.write(42, int.class));
    assertEquals("-7", c.write(-7, Integer.class));
    assertEquals("12", c.write((short) 12, short.class));
    assertEquals("-3", c.write((byte) -3, Byte.class));
    assertEquals("2.5", c.write(2.5, double.class));
    assertEquals("0.1", c.write(0.1f, float.class), "a float keeps its short decimal form");
    assertEquals("null", c.write(null, Integer.class));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "2147483647", "-2147483648"})
  void intsRoundTrip(String text) throws Exception {
    int value = Integer.parseInt(text);
    assertEquals(value, c.roundTrip(value, int.class));
  }

  @Test
  void doublesRoundTripExactly() throws Exception {
    for (double d : new double[] {0.1, -1e-300, Double.MAX_VALUE, Double.MIN_VALUE, 1.0 / 3}) {
      assertEquals(d, c.roundTrip(d, double.class));
    }
  }

  @Test
  void stringsComeOnlyFromJsonStrings() throws Exception {
    assertEquals("hello", c.read("\"hello\"", String.class));
    assertEquals("", c.read("\"\"", String.class));
    assertNull(c.read("null", String.class));
    assertEquals("expected a string, got a number", c.refusal("12", String.class));
    assertEquals("expected a string, got a boolean", c.refusal("true", String.class));
    assertEquals("expected a string, got an object", c.refusal("{}", String.class));
  }

  @Test
  void stringsAreWrittenEscapedButNotHtmlEscaped() throws Exception {
    String text = "a \"quoted\" line\nwith <b>tags</b> & \u2028";
    assertEquals(text, c.roundTrip(text, String.class));
    assertEquals("\"<b>&</b>\"", c.write("<b>&</b>", String.class));
  }

  @Test
  void charsAreOneCharacterStrings() throws Exception {
    assertEquals('x', c.read("\"x\"", char.class));
    assertEquals('\u00e9', c.read("\"\u00e9\"", Character.class));
    assertNull(c.read("null", Character.class));
    assertEquals("\"x\"", c.write('x', char.class));
    assertEquals('"', c.roundTrip('"', Character.class));
    assertEquals("expected a one-character string, got \"xy\"", c.refusal("\"xy\"", char.class));
    assertEquals("expected a one-character string, got \"\"", c.refusal("\"\"", char.class));
    assertEquals("expected a one-character string, got null", c.refusal("null", char.class));
    assertEquals("expected a one-character string, got a number", c.refusal("7", char.class));
  }

  @Test
  void longEchoedInputIsShortened() {
    String message = c.refusal("\"" + "x".repeat(500) + "\"", char.class);
    assertEquals("expected a one-character string, got \"" + "x".repeat(37) + "...\"", message);
  }
}

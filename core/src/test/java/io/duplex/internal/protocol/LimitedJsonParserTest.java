package io.duplex.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LimitedJsonParserTest {
  private final LimitedJsonParser parser = new LimitedJsonParser(4, 10);

  private JsonObject parse(String json) {
    return parser.parseObject(RequestBody.Bytes.of(json.getBytes(StandardCharsets.UTF_8)));
  }

  private ProtocolException refused(String json) {
    return assertThrows(ProtocolException.class, () -> parse(json));
  }

  @Test
  void parsesAnObjectTree() {
    JsonObject o = parse("{\"a\":[1,\"x\",true,null,{\"b\":false}],\"n\":-2.5e3}");
    assertEquals(5, o.getAsJsonArray("a").size());
    assertEquals(1, o.getAsJsonArray("a").get(0).getAsInt());
    assertEquals("x", o.getAsJsonArray("a").get(1).getAsString());
    assertTrue(o.getAsJsonArray("a").get(3).isJsonNull());
    assertEquals(-2500.0, o.get("n").getAsDouble());
    assertEquals(new BigDecimal("-2.5e3"), o.get("n").getAsBigDecimal());
    assertEquals("-2.5e3", o.get("n").getAsString(), "number literal kept as written");
  }

  @Test
  void keepsLargeIntegersExact() {
    JsonObject o = new LimitedJsonParser(4, 100).parseObject(RequestBody.Bytes.of("{\"n\":9007199254740993}".getBytes()));
    assertEquals(9007199254740993L, o.get("n").getAsLong());
  }

  @Test
  void nestingUpToTheLimitIsAccepted() {
    // object(1) > array(2) > array(3) > object(4)
    JsonObject o = parse("{\"a\":[[{\"b\":1}]]}");
    assertEquals(1, o.getAsJsonArray("a").get(0).getAsJsonArray().get(0).getAsJsonObject().get("b").getAsInt());
  }

  @Test
  void nestingBeyondTheLimitIsJsonTooDeep() {
    ProtocolException e = refused("{\"a\":[[[[1]]]]}");
    assertEquals(ErrorCode.JSON_TOO_DEEP, e.code());
    assertEquals(400, e.httpStatus());
  }

  @Test
  void veryDeepInputFailsCleanlyWithoutRecursion() {
    LimitedJsonParser deepAllowed = new LimitedJsonParser(Integer.MAX_VALUE, 10);
    String deep = "{\"a\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}";
    JsonObject o = deepAllowed.parseObject(RequestBody.Bytes.of(deep.getBytes()));
    assertTrue(o.get("a").isJsonArray());
  }

  @Test
  void longStringsNamesAndNumbersAreStringTooLong() {
    assertEquals(ErrorCode.STRING_TOO_LONG, refused("{\"a\":\"12345678901\"}").code());
    assertEquals(ErrorCode.STRING_TOO_LONG, refused("{\"12345678901\":1}").code());
    assertEquals(ErrorCode.STRING_TOO_LONG, refused("{\"a\":12345678901}").code());
    assertEquals("1234567890", parse("{\"a\":\"1234567890\"}").get("a").getAsString());
  }

  @Test
  void stringLengthCountsCharactersNotBytes() {
    assertEquals("éééééééééé", parse("{\"a\":\"éééééééééé\"}").get("a").getAsString());
  }

  @Test
  void rejectsWhatIsNotOneStrictJsonObject() {
    for (String bad :
        new String[] {
          "", "   ", "[1]", "\"x\"", "12", "null", "{", "{\"a\":1", "{\"a\":1}{}", "{\"a\":1} x",
          "{a:1}", "{'a':1}", "{\"a\":1,}", "{\"a\":NaN}", "{\"a\":01}", "{\"a\":1}//c",
          "{\"a\":\"\u0001\"}", "{\"a\":\"\\x\"}"
        }) {
      ProtocolException e = assertThrows(ProtocolException.class, () -> parse(bad), bad);
      assertEquals(ErrorCode.MALFORMED_REQUEST, e.code(), bad);
    }
  }

  @Test
  void trailingWhitespaceIsFine() {
    assertEquals(1, parse(" {\"a\":1} \n").get("a").getAsInt());
  }

  @Test
  void duplicateMemberNamesAreMalformed() {
    ProtocolException e = refused("{\"csrf\":\"a\",\"csrf\":\"b\"}");
    assertEquals(ErrorCode.MALFORMED_REQUEST, e.code());
    assertTrue(e.getMessage().contains("csrf"), e.getMessage());
  }

  @Test
  void invalidUtf8IsMalformed() {
    byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    ProtocolException e = assertThrows(ProtocolException.class, () -> parser.parseObject(RequestBody.Bytes.of(body)));
    assertEquals(ErrorCode.MALFORMED_REQUEST, e.code());
    assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
  }

  @Test
  void multiByteUtf8IsDecodedAndInvalidSequencesAnywhereAreMalformed() {
    String text = "h\u00e9llo \u2713 \uD83D\uDE00";
    byte[] good = ("{\"a\":\"" + text + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(text, parser.parseObject(RequestBody.Bytes.of(good)).get("a").getAsString());
    byte[][] bad = {
      {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}, // overlong '/'
      {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}, // a lone surrogate
      {'{', '"', 'a', '"', ':', '"', 'x', '"', '}', (byte) 0xE2, (byte) 0x9C}, // cut short after the object
    };
    for (byte[] body : bad) {
      ProtocolException e = assertThrows(ProtocolException.class, () -> parser.parseObject(RequestBody.Bytes.of(body)));
      assertEquals(ErrorCode.MALFORMED_REQUEST, e.code());
      assertEquals("Body is not UTF-8", e.getMessage());
    }
  }

  @Test
  void messagesDoNotNameTheParserLibrary() {
    ProtocolException e = refused("{\"a\":[1,}");
    assertTrue(e.getMessage().startsWith("Body is not valid JSON"), e.getMessage());
    assertTrue(!e.getMessage().toLowerCase().contains("gson"), e.getMessage());
  }

  @Test
  void hugeExponentsDoNotTurnIntoSlowConversions() {
    JsonObject o = new LimitedJsonParser(4, 100).parseObject(RequestBody.Bytes.of("{\"n\":1e999999999}".getBytes()));
    assertThrows(NumberFormatException.class, () -> o.get("n").getAsLong());
  }

  private static JsonObject parseWide(String json) {
    return new LimitedJsonParser(8, 100_000).parseObject(RequestBody.Bytes.of(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void loneSurrogateEscapesBecomeTheReplacementCharacter() {
    // JSON.stringify("\ud83d") and an emoji cut in half: valid JSON, not valid Unicode.
    JsonObject o = parseWide("{\"a\":\"x\\ud83d\",\"b\":\"\\udE00y\",\"c\":\"\\ud83d\\ud83d\\ude00\",\"é\":1}");
    assertEquals("x\ufffd", o.get("a").getAsString());
    assertEquals("\ufffdy", o.get("b").getAsString());
    assertEquals("\ufffd\ud83d\ude00", o.get("c").getAsString(), "a pair after a lone half is kept");
    assertEquals(1, o.get("é").getAsInt(), "non-ASCII bodies take the same path");
  }

  @Test
  void escapedBackslashesAreNotMistakenForEscapes() {
    JsonObject o = parseWide("{\"a\":\"\\\\ud83d\",\"b\":\"\\ud83d\"}");
    assertEquals("\\ud83d", o.get("a").getAsString());
    assertEquals("\ufffd", o.get("b").getAsString());
  }

  @Test
  void longNumberLiteralsAreKeptExactly() {
    String big = "9".repeat(1024);
    String frac = "-1." + "5".repeat(3000) + "e-7";
    JsonObject o = parseWide("{\"a\":[1," + big + ",2.5,{\"x\":\"" + "7".repeat(400) + "\"}," + frac + ",3]}");
    var a = o.getAsJsonArray("a");
    assertEquals("1", a.get(0).getAsString());
    assertEquals(big, a.get(1).getAsString());
    assertEquals("2.5", a.get(2).getAsString());
    assertEquals("7".repeat(400), a.get(3).getAsJsonObject().get("x").getAsString());
    assertEquals(frac, a.get(4).getAsString());
    assertEquals("3", a.get(5).getAsString());
    assertTrue(a.get(1).getAsJsonPrimitive().isNumber());
  }

  @Test
  void longLiteralsThatAreNotJsonNumbersStayMalformed() {
    for (String bad : new String[] {"0" + "1".repeat(1024), "1".repeat(1024) + ".", "1".repeat(1024) + "e", "--" + "1".repeat(1024)}) {
      ProtocolException e = assertThrows(ProtocolException.class, () -> parseWide("{\"a\":" + bad + "}"));
      assertEquals(ErrorCode.MALFORMED_REQUEST, e.code(), bad.substring(0, 3));
    }
  }

  @Test
  void longNumbersStillCountAgainstTheStringLimit() {
    ProtocolException e = assertThrows(
        ProtocolException.class,
        () -> new LimitedJsonParser(8, 2000).parseObject(RequestBody.Bytes.of(("{\"a\":" + "1".repeat(2001) + "}").getBytes())));
    assertEquals(ErrorCode.STRING_TOO_LONG, e.code());
  }

  @Test
  void garbageIsStillMalformed() {
    for (String bad : new String[] {"{\"a\":\"\\ud83d\",}", "{\"a\":\\ud83d}", "{\"a\":'\\ud83d'}"}) {
      ProtocolException e = assertThrows(ProtocolException.class, () -> parseWide(bad), bad);
      assertEquals(ErrorCode.MALFORMED_REQUEST, e.code(), bad);
    }
  }
}

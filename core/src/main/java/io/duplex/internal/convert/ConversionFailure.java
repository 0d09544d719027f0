package io.duplex.internal.convert;

import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;

/**
 * Thrown by type adapters when JSON does not fit the declared type. It travels through gson's
 * adapters unchecked and becomes a {@link ConversionException} at the reader's edge. Adapters
 * registered through {@link JsonConverter.Builder#register} may throw it too, built with these
 * factory methods, so their messages read like every other one.
 */
public final class ConversionFailure extends JsonParseException {
  private static final int MAX_SHOWN = 40;
  private static final int MAX_PATH = 200;

  private ConversionFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The next value of {@code in} is of the wrong JSON type. Call before consuming it: "expected
   * {@code expected} at $.path, got a string".
   */
  public static ConversionFailure expected(String expected, JsonReader in) throws IOException {
    return new ConversionFailure(
        "expected " + expected + at(in.getPath()) + ", got " + describe(in.peek()), null);
  }

  /**
   * The value just consumed from {@code in} had the right JSON type but does not fit: "expected
   * {@code expected} at $.path, got {@code shown}". {@code shown} is what the browser sent, already
   * rendered with {@link #quote} or {@link #number}.
   */
  public static ConversionFailure refused(
      String expected, JsonReader in, String shown, Throwable cause) {
    return new ConversionFailure(
        "expected " + expected + at(in.getPreviousPath()) + ", got " + shown, cause);
  }

  /** The declared type at the next value of {@code in} cannot be created from JSON at all. */
  public static ConversionFailure cannotCreate(JsonReader in, Throwable cause) {
    return new ConversionFailure(
        "cannot accept a value" + at(in.getPath()) + ": its type cannot be created from JSON",
        cause);
  }

  /** The message for anything else that went wrong reading the value that ends at {@code path}. */
  static String invalid(String path) {
    return "invalid value" + at(path);
  }

  /** A string the browser sent, quoted and shortened for a message. */
  public static String quote(String text) {
    return '"' + shorten(text) + '"';
  }

  /** A number the browser sent, shortened for a message. */
  public static String number(String text) {
    return shorten(text);
  }

  static String at(String path) {
    if (path == null || path.equals("$")) {
      return "";
    }
    // Member names come from the browser and may be long; the end of the path says the most.
    return " at "
        + (path.length() <= MAX_PATH ? path : "..." + path.substring(path.length() - MAX_PATH + 3));
  }

  static String describe(JsonToken token) {
    switch (token) {
      case STRING:
        return "a string";
      case NUMBER:
        return "a number";
      case BOOLEAN:
        return "a boolean";
      case NULL:
        return "null";
      case BEGIN_ARRAY:
        return "an array";
      case BEGIN_OBJECT:
        return "an object";
      default:
        return "nothing";
    }
  }

  private static String shorten(String text) {
    return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN - 3) + "...";
  }

  // Bad input is an expected event, not a bug: no stack trace to fill.
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}

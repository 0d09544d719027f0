package io.duplex.internal.convert;

/**
 * A JSON value that cannot become the declared Java type. The message is safe to show a browser.
 */
public final class ConversionException extends Exception {
  public ConversionException(String message) {
    super(message);
  }

  public ConversionException(String message, Throwable cause) {
    super(message, cause);
  }
}

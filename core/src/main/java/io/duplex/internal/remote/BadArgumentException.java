package io.duplex.internal.remote;

/** An argument that does not fit its parameter; the message is safe for the browser. */
final class BadArgumentException extends Exception {
  BadArgumentException(String message) {
    // No stack trace: this is an expected outcome of bad input, not a fault to debug.
    super(message, null, false, false);
  }
}

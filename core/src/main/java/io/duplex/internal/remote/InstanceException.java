package io.duplex.internal.remote;

/**
 * A service instance could not be had: its factory failed, or its scope's store is missing. Always
 * a server fault, never shown to the browser, whatever the cause's type.
 */
final class InstanceException extends RuntimeException {
  InstanceException(String message) {
    super(message);
  }

  InstanceException(String message, Throwable cause) {
    super(message, cause);
  }
}

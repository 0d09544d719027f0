package io.duplex.internal.protocol;

/**
 * One error as the browser sees it.
 *
 * @param code a stable code: an {@link ErrorCode} name or a {@code @ClientVisible} code
 * @param message human-readable, safe to show
 * @param type simple class name of a client-visible exception, else null
 * @param incident id logged with the stack trace for SERVER_ERROR, else null
 * @param detail debug mode only: exception class and stack trace, else null
 */
public record ErrorInfo(String code, String message, String type, String incident, String detail) {
  public static ErrorInfo of(ErrorCode code, String message) {
    return new ErrorInfo(code.name(), message, null, null, null);
  }
}

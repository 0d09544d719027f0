package io.duplex.internal.protocol;

/**
 * A request refused before anything in it ran (docs/protocol.md section 1). The message is safe to
 * show a browser. Carries no stack trace: refusals are expected traffic, not bugs.
 */
public class ProtocolException extends RuntimeException {
  private final ErrorCode code;

  public ProtocolException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  public int httpStatus() {
    return code.httpStatus();
  }

  public static ProtocolException malformed(String message) {
    return new ProtocolException(ErrorCode.MALFORMED_REQUEST, message);
  }
}

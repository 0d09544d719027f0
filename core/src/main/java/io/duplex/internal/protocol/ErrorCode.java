package io.duplex.internal.protocol;

/**
 * Every error code the server sends. The names are the protocol's stable codes (docs/protocol.md);
 * request-level codes come with their HTTP status, call-level codes inside a 200 response.
 */
public enum ErrorCode {
  // Request level: the whole request is refused; nothing in it ran and no queued call was lost.
  METHOD_NOT_ALLOWED(405),
  UNSUPPORTED_MEDIA_TYPE(415),
  MALFORMED_REQUEST(400),
  UNSUPPORTED_VERSION(400),
  PAYLOAD_TOO_LARGE(413),
  REQUEST_TIMEOUT(408),
  TOO_MANY_CALLS(413),
  JSON_TOO_DEEP(400),
  STRING_TOO_LONG(400),
  ORIGIN_REJECTED(403),
  HOST_REJECTED(403),
  PAGE_NAME_TOO_LONG(400),
  CSRF_REJECTED(403),
  SESSION_UNKNOWN(410),
  SESSION_MISMATCH(403),
  NOT_FOUND(404),
  /** A {@code debug/} path while {@code debug} is off: the debug page does not exist then. */
  DEBUG_DISABLED(404),
  /** An answer names an ask its page was never sent (protocol section 4.7). */
  ANSWER_UNKNOWN(400),
  /** The servlet is deployed wrongly (no async support, no HTTP sessions); the message names the fix. */
  MISCONFIGURED(500),
  /** The server is stopping: retry later (or elsewhere). */
  UNAVAILABLE(503),
  /** A handshake beyond maxScriptSessions; answered with Retry-After. */
  SERVER_BUSY(503),
  /**
   * A WebSocket upgrade beyond maxUnopenedSockets sockets, or maxPagesPerHttpSession of its HTTP
   * session, that have not sent their open frame yet; answered with Retry-After, no socket made.
   */
  TOO_MANY_SOCKETS(503),

  // Call level: one call failed; the others in its batch are unaffected.
  UNKNOWN_SERVICE(200),
  UNKNOWN_METHOD(200),
  BAD_ARGUMENTS(200),
  UNAUTHENTICATED(200),
  FORBIDDEN(200),
  APPLICATION_ERROR(200),
  /** The topic policy refused a page's subscription. */
  SUBSCRIPTION_REFUSED(200),
  /** A page asked for more than {@code maxTopicsPerPage} topics at once. */
  TOO_MANY_TOPICS(200),
  SERVER_ERROR(200);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}

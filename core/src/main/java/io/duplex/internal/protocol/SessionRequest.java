package io.duplex.internal.protocol;

/** A request made on behalf of an open script session: everything except the handshake. */
public interface SessionRequest {
  /** The script session id. */
  String session();

  /** The CSRF token as sent, or null when the request carried none. */
  String csrf();
}

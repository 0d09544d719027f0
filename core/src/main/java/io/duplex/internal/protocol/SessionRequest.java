package io.duplex.internal.protocol;

import java.util.List;

/** A request made on behalf of an open script session: everything except the handshake. */
public interface SessionRequest {
  /** The script session id. */
  String session();

  /** The CSRF token as sent, or null when the request carried none. */
  String csrf();

  /** The page's answers to asks it ran (protocol section 4.7); empty when it sent none. */
  default List<Answer> answers() {
    return List.of();
  }
}

package io.duplex.servlet.internal.reverse;

import java.io.IOException;

/**
 * Where a held connection's bytes go: an async servlet response, or a WebSocket. Called under the
 * connection's lock only; none of these may block.
 */
interface Sink {
  /** Tells the sink the connection it serves, for sinks that call back (a WebSocket's send result). */
  default void attach(HeldConnection connection) {}

  /** Whether a write may be made now; when false, the sink calls the connection's pump once it is. */
  boolean isReady();

  void write(byte[] bytes, int offset, int length) throws IOException;

  void flush() throws IOException;

  /**
   * Ends the connection after its last bytes.
   *
   * @param reason why it ends, or null when it was lost
   */
  void complete(HeldConnection.Reason reason);
}

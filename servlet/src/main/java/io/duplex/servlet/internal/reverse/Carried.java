package io.duplex.servlet.internal.reverse;

import io.duplex.internal.reverse.OutboundQueue;
import io.duplex.internal.reverse.ScriptSessionImpl;

/**
 * A page a held connection delivers to on behalf of another tab of the same browser (protocol
 * section 4.4, {@code pages}): its queue and what was written to it so far, read and written under
 * the connection's lock.
 */
final class Carried {
  final ScriptSessionImpl session;
  final OutboundQueue queue;
  /** Highest seq written to this page on this connection. */
  long written;

  Carried(ScriptSessionImpl session, long ack) {
    this.session = session;
    this.queue = session.queue();
    this.written = ack;
  }
}

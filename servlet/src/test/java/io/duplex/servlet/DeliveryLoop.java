package io.duplex.servlet;

/**
 * A page receiving reverse calls on its own thread the way the engine does in one delivery mode:
 * every request carries {@code ack = lastSeq}, and a lost or broken response is simply asked for
 * again.
 */
public interface DeliveryLoop extends AutoCloseable {
  /** What the page has run so far. */
  PageState state();

  /** How many reverse requests (polls, streams or calls) the page has started. */
  int connections();

  /**
   * Why the loop stopped on its own, as the engine would (e.g. {@code "close: replaced"}, {@code
   * "410 SESSION_UNKNOWN"}); null while it runs.
   */
  String stoppedBecause();

  /** Stops the page; a request in flight is abandoned. */
  @Override
  void close() throws InterruptedException;
}

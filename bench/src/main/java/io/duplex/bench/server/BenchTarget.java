package io.duplex.bench.server;

import jakarta.servlet.Servlet;

/** What a bench server must do for the workloads: serve the protocol and broadcast to a page URL. */
public interface BenchTarget {
  /** The page URL the broadcast workload's pages open. */
  String BROADCAST_PAGE = "/bench.html";

  /** "duplex" or "ceiling". */
  String name();

  /** Where the protocol servlet is mounted, e.g. {@code /duplex}. */
  String base();

  /** The servlet that speaks docs/protocol.md under {@link #base()}. */
  Servlet servlet();

  /** Open pages on {@link #BROADCAST_PAGE}. */
  int broadcastPages();

  /** Calls {@code addMessage({seq, sentNanos, text})} in every page on {@link #BROADCAST_PAGE}. */
  void publish(long seq, long sentNanos, String text);

  /** Sockets of the plain WebSocket ceiling mounted beside this target (websocket mode). */
  default io.duplex.bench.ceiling.SocketPages sockets() {
    return new io.duplex.bench.ceiling.SocketPages();
  }

  /** The topic W2 through a topic publishes to (Duplex only). */
  String TOPIC = "bench";

  /**
   * Publishes {@code {seq, sentNanos, text}} to {@link #TOPIC}, to which W2's pages subscribed, when
   * the server has topics.
   *
   * @throws UnsupportedOperationException when it has none (the ceiling)
   */
  default void publishToTopic(long seq, long sentNanos, String text) {
    throw new UnsupportedOperationException(name() + " has no topics");
  }

  default void close() {}
}

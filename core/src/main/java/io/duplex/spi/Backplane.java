package io.duplex.spi;

import java.util.Map;

/**
 * Carries pushes between the nodes of one application (a module such as {@code duplex-redis}
 * implements it; applications only set the {@code backplane} URL). Every node publishes each push
 * once and receives every push, its own included, in one order common to all nodes; the node then
 * queues it to its own matching pages. Messages are opaque bytes encoded by Duplex.
 */
public interface Backplane extends AutoCloseable {
  /**
   * Connects and starts delivering every message published from now on to {@code receiver}, on one
   * thread, in the backplane's order, each message once.
   *
   * @param receiver this node's side
   * @throws IllegalStateException when the backplane cannot be reached (startup fails)
   */
  void start(Receiver receiver);

  /**
   * Publishes one message to every node (this one included). Never blocks on the network: while
   * the backplane is unreachable messages are kept, up to a bound, and published in order when it
   * is back.
   *
   * @param message the encoded push
   * @throws io.duplex.BackplaneUnavailableException when the bound of kept messages is reached
   */
  void publish(byte[] message);

  /**
   * @return the nodes alive now, by id, with the open pages each reported at its last heartbeat
   *     (a node that stopped or died drops out within a bounded time)
   */
  Map<String, Integer> nodes();

  /**
   * This node's id among the keys of {@link #nodes()}. With it an ask of every node's pages stops
   * waiting for a node as soon as that node has left {@link #nodes()}; without it (null) such an ask
   * waits for as many replies as there were nodes, or for its timeout.
   *
   * @return this node's id in {@link #nodes()}, or null when the backplane does not tell
   */
  default String node() {
    return null;
  }

  /** Stops receiving, publishes what is kept if it can, and leaves the cluster. */
  @Override
  void close();

  /** This node's side of the backplane. */
  interface Receiver {
    /**
     * One message, in order; called once per message on the backplane's reading thread.
     *
     * @param message bytes as given to {@link #publish}
     */
    void deliver(byte[] message);

    /**
     * Messages were lost to this node (it was away longer than the backplane keeps them): every
     * page of the node gets a {@code resync}.
     */
    void gap();

    /** @return how many pages are open on this node, for the heartbeat */
    int openPages();
  }
}

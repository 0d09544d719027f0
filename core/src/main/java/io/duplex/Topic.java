package io.duplex;

/**
 * A named channel pages subscribe to from JavaScript ({@code duplex.subscribe("prices", fn)}): a
 * publish reaches every page subscribed to it now, on every node with a {@code backplane}. Get one
 * with {@link Duplex#topic(String)}; like {@link Targets} it is a query, evaluated on each use, so
 * it can be kept. Calls may be made from any thread.
 *
 * <pre>{@code
 * Topic prices = duplex.topic("prices");
 * prices.publish(quote);                                  // each page's fn(quote)
 * prices.pages().proxy(TickerPage.class).clock(now);      // a page function, subscribers only
 * }</pre>
 *
 * <p>A message is a numbered entry in each subscribed page's queue, in order with the page's other
 * reverse calls, delivered exactly once like them, and converted to JSON once per publish whatever
 * the number of subscribers. Who may subscribe to what is decided by the {@link TopicPolicy}.
 */
public interface Topic {
  /** {@return the topic's name} */
  String name();

  /**
   * Delivers {@code message} to the subscriber callbacks of every page subscribed now: each runs
   * {@code fn(message, topic)}. The message is converted to JSON once, by its runtime class.
   *
   * @param message the message, any value Duplex converts (null too)
   * @return how many pages of this node it was queued to; with a backplane, how many pages of this
   *     node are subscribed now (other nodes' pages are not counted)
   * @throws PushTooLargeException if the encoded message is larger than {@code maxQueuedBytes}; no
   *     page's queue is changed
   * @throws BackplaneUnavailableException with a backplane unreachable for longer than {@code
   *     backplaneBufferedPushes} pushes
   */
  int publish(Object message);

  /**
   * The pages subscribed to this topic, as targets: {@code call}, {@code send} and {@code proxy}
   * reach the subscribers (on every node with a backplane); narrow them further with {@code
   * page(...)}, {@code user(...)} and friends.
   *
   * @return the subscribed pages
   */
  Targets pages();

  /** {@return how many pages of this node are subscribed now} */
  int count();
}

package io.duplex;

/**
 * Decides whether a page may subscribe to a topic, when it asks ({@code duplex.subscribe(topic,
 * fn)}). A refused subscription reaches the page as a rejected promise with the code {@code
 * SUBSCRIPTION_REFUSED}; nothing is kept for it.
 *
 * <p>By default a page may subscribe only to the topics the application declared with {@link
 * Duplex.Builder#topics(String...)} (none unless it declares some): a topic may carry data meant
 * for some users only, and a hostile page must not be able to make the server keep topic names of
 * its choosing. A policy set with {@link Duplex.Builder#topicPolicy(TopicPolicy)} decides every
 * other topic:
 *
 * <pre>{@code
 * Duplex.builder()
 *     .topics("prices")                                         // every page
 *     .topicPolicy((topic, call) -> topic.startsWith("desk-") && call.isUserInRole("trader"))
 * }</pre>
 *
 * <p>It runs on the request's thread, once per subscription request (a page that comes back in a new
 * session after {@code expired} asks again), so it should be quick.
 */
@FunctionalInterface
public interface TopicPolicy {
  /** Refuses every topic not declared with {@link Duplex.Builder#topics(String...)}: the default. */
  TopicPolicy DECLARED_ONLY = (topic, call) -> false;

  /**
   * Whether the page of {@code call} may subscribe to {@code topic}.
   *
   * @param topic the topic name the page sent, at most {@code maxTopicNameLength} characters
   * @param call the subscribing request: its page ({@link CallContext#scriptSession()}), user and
   *     roles
   * @return true to subscribe the page
   */
  boolean allows(String topic, CallContext call);
}

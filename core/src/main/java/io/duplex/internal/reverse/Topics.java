package io.duplex.internal.reverse;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import io.duplex.DuplexConfig;
import io.duplex.Topic;
import io.duplex.TopicPolicy;
import io.duplex.internal.protocol.Call;
import io.duplex.internal.protocol.CallOutcome;
import io.duplex.internal.protocol.ErrorCode;
import io.duplex.internal.protocol.ErrorInfo;
import io.duplex.internal.remote.EngineCalls;
import io.duplex.internal.remote.InvocationContext;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Topic subscriptions: the engine's {@code duplex.subscribe(topic)} and {@code
 * duplex.unsubscribe(topic)} calls, checked against the names' length, the {@link TopicPolicy} and
 * {@code maxTopicsPerPage}, and the {@link Topic}s Java publishes to. A subscription is a page's
 * membership of the topic's index set, so a publish walks the subscribers only, and it ends with
 * the page (the index drops it with the page's other keys).
 */
public final class Topics implements EngineCalls {
  private final ScriptSessionManager manager;
  private final int maxNameLength;
  private final int maxPerPage;
  private volatile Set<String> declared = Set.of();
  private volatile TopicPolicy policy = TopicPolicy.DECLARED_ONLY;

  Topics(ScriptSessionManager manager, DuplexConfig config) {
    this.manager = manager;
    this.maxNameLength = config.maxTopicNameLength();
    this.maxPerPage = config.maxTopicsPerPage();
  }

  /**
   * The application's topics open to every page, and its policy for the others; called once while
   * the Duplex is built.
   *
   * @throws IllegalStateException for a declared name no page could subscribe to
   */
  public void configure(Set<String> declaredTopics, TopicPolicy topicPolicy) {
    for (String name : declaredTopics) {
      String problem = nameProblem(name);
      if (problem != null) {
        throw new IllegalStateException("Duplex.Builder.topics(...): " + problem);
      }
    }
    this.declared = Set.copyOf(declaredTopics);
    this.policy = Objects.requireNonNull(topicPolicy, "topicPolicy");
  }

  /** The topic named {@code name}, to publish to. */
  public Topic topic(String name) {
    String problem = nameProblem(name);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return new TopicImpl(manager, name);
  }

  @Override
  public CompletableFuture<CallOutcome> invoke(Call call, InvocationContext context) {
    return CompletableFuture.completedFuture(outcome(call, context));
  }

  private CallOutcome outcome(Call call, InvocationContext context) {
    long id = call.id();
    boolean subscribe = "subscribe".equals(call.method());
    if (!subscribe && !"unsubscribe".equals(call.method())) {
      return failure(id, ErrorCode.UNKNOWN_METHOD, "Service \"duplex\" has no method \"" + call.method() + "\"");
    }
    JsonArray args = call.args();
    JsonElement arg = args == null || args.size() != 1 ? null : args.get(0);
    if (arg == null || !arg.isJsonPrimitive() || !arg.getAsJsonPrimitive().isString()) {
      return failure(id, ErrorCode.BAD_ARGUMENTS, "duplex." + call.method() + " takes one argument: the topic name");
    }
    String topic = arg.getAsString();
    String problem = nameProblem(topic);
    if (problem != null) {
      return failure(id, ErrorCode.BAD_ARGUMENTS, problem);
    }
    if (!(context.scriptSession() instanceof ScriptSessionImpl page)) {
      return failure(id, ErrorCode.BAD_ARGUMENTS, "a subscription needs a page");
    }
    if (!subscribe) {
      unsubscribe(page, topic);
      return CallOutcome.empty(id);
    }
    if (page.subscribedTo(topic)) {
      return CallOutcome.empty(id);
    }
    // The policy is the application's code: it sees only names within the length bound.
    if (!declared.contains(topic) && !policy.allows(topic, context)) {
      return failure(id, ErrorCode.SUBSCRIPTION_REFUSED, "Not allowed to subscribe to this topic");
    }
    return subscribe(page, topic)
        ? CallOutcome.empty(id)
        : failure(id, ErrorCode.TOO_MANY_TOPICS, "A page subscribes to at most " + maxPerPage + " topics at once");
  }

  /** @return false when the page already has {@code maxTopicsPerPage} other topics */
  private boolean subscribe(ScriptSessionImpl page, String topic) {
    // Under the lock that ending the page takes: a page that ended meanwhile joins no set.
    synchronized (page.identityLock()) {
      if (!page.isValid() || page.subscribedTo(topic)) {
        return true;
      }
      Set<String> now = page.topics();
      if (now.size() >= maxPerPage) {
        return false;
      }
      Set<String> more = new HashSet<>(now);
      more.add(topic);
      manager.index().subscribe(page, topic);
      page.setTopics(more);
      return true;
    }
  }

  private void unsubscribe(ScriptSessionImpl page, String topic) {
    synchronized (page.identityLock()) {
      if (!page.subscribedTo(topic)) {
        return;
      }
      Set<String> fewer = new HashSet<>(page.topics());
      fewer.remove(topic);
      page.setTopics(fewer);
      if (page.isValid()) {
        manager.index().unsubscribe(page, topic);
      }
    }
  }

  private String nameProblem(String name) {
    if (name == null || name.isEmpty()) {
      return "a topic name is required";
    }
    if (name.length() > maxNameLength) {
      return "a topic name has at most " + maxNameLength + " characters (maxTopicNameLength), this one "
          + name.length();
    }
    return null;
  }

  private static CallOutcome failure(long id, ErrorCode code, String message) {
    return CallOutcome.failure(id, ErrorInfo.of(code, message));
  }

  /** A topic to publish to: the pages whose topic index set holds the name. */
  private static final class TopicImpl implements Topic {
    private final ScriptSessionManager manager;
    private final String name;
    private final TargetQuery pages;
    private final String prefix;
    private final String label;

    TopicImpl(ScriptSessionManager manager, String name) {
      this.manager = manager;
      this.name = name;
      this.pages = new TargetQuery(manager).topic(name);
      this.prefix = ReversePayloads.topicPrefix(name);
      this.label = "a message of topic " + name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int publish(Object message) {
      io.duplex.PushInterceptor[] interceptors = manager.pushInterceptors();
      if (interceptors.length == 0) {
        return pages.enqueue(label, manager.payloads().topic(prefix, message));
      }
      // Interceptors see a publish as a push of "topic:<name>" with the message as its argument.
      return InterceptedPush.run(
          interceptors,
          pages,
          InterceptedPush.one("topic:" + name, new Object[] {message}),
          () -> pages.enqueue(label, manager.payloads().topic(prefix, message)));
    }

    @Override
    public io.duplex.Targets pages() {
      return pages;
    }

    @Override
    public int count() {
      return pages.count();
    }

    @Override
    public String toString() {
      return "topic " + name;
    }
  }
}

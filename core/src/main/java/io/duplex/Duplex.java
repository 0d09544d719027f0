package io.duplex;

import io.duplex.internal.DuplexRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One Duplex application: the exposed services, the settings, and the open pages. Build one with
 * {@link #builder()}, hand it to {@code DuplexServlet}, and keep it to call the browser:
 *
 * <pre>{@code
 * Duplex duplex = Duplex.builder().expose(ChatService.class).build();
 * duplex.browser().page("/chat.html").proxy(ChatPage.class).addMessage(msg);
 * }</pre>
 */
public final class Duplex implements AutoCloseable {
  static {
    DuplexRuntime.setAccess(duplex -> duplex.runtime);
  }

  private final DuplexRuntime runtime;

  private Duplex(Builder builder) {
    this.runtime =
        new DuplexRuntime(
            this,
            builder.buildConfig(),
            builder.exposures,
            builder.listeners,
            builder.clientVisible,
            builder.interceptors,
            builder.pushInterceptors);
    try {
      runtime.sessions().topics().configure(builder.topics, builder.topicPolicy);
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  /** {@return a builder for services and settings} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The version of Duplex on the classpath, e.g. {@code 0.1.0}, as built; {@code unknown} only for
   * classes compiled outside the Maven build.
   *
   * @return the Duplex version
   */
  public static String version() {
    return io.duplex.internal.BuildVersion.get();
  }

  /** {@return the settings this Duplex runs with} */
  public DuplexConfig config() {
    return runtime.config();
  }

  /** {@return every open page; narrow it with {@code page(...)}, {@code user(...)} and friends} */
  public Browser browser() {
    return runtime.sessions().browser();
  }

  /**
   * The topic named {@code name}: publish to the pages subscribed to it ({@code
   * duplex.subscribe(name, fn)} in the page). Which pages may subscribe is the {@link TopicPolicy}'s
   * decision; publishing needs no declaration.
   *
   * @param name the topic's name, at most {@code maxTopicNameLength} characters
   * @return the topic (cheap: make one per publish or keep it)
   * @throws IllegalArgumentException when {@code name} is empty or too long
   */
  public Topic topic(String name) {
    return runtime.sessions().topics().topic(name);
  }

  /**
   * The nodes of this application alive now, by node id, with the pages open on each as of its last
   * heartbeat. With a {@code backplane} a node that stopped or died drops out within a few seconds
   * (docs/scaling.md); without one this node alone, as {@code "local"}, with its pages now.
   *
   * @return node id to open pages
   */
  public java.util.Map<String, Integer> nodes() {
    return runtime.sessions().nodes();
  }

  /**
   * How many requests were refused so far, per error code (origin, media type, size, CSRF, session,
   * limits...): a cheap snapshot for monitoring.
   *
   * @return the counts now
   */
  public RefusalCounts refusals() {
    return runtime.refusals().snapshot();
  }

  /**
   * How many pages (script sessions) are open now.
   *
   * @return the count, at most {@code maxScriptSessions}
   */
  public int openPages() {
    return runtime.sessions().openCount();
  }

  /**
   * Reverse-call figures so far: pushes, pages reached, calls dropped from full queues, resyncs.
   *
   * @return a snapshot of the counts now
   */
  public PushCounts pushCounts() {
    return runtime.sessions().pushCounters().snapshot();
  }

  /**
   * Reverse connections held open now on this node, per mode (streaming, long poll, WebSocket).
   * Polling and piggyback hold none. With {@code shareConnection} the tabs of one browser share
   * one connection, which counts once.
   *
   * @return the counts now
   */
  public HeldConnectionCounts heldConnections() {
    return runtime.held().snapshot();
  }

  /**
   * The outbound queues of this node's open pages, summed: entries and bytes waiting for their
   * pages, the deepest queue, pages with a resync pending. It walks the open pages (each queue's
   * lock taken briefly): read it at monitoring intervals, not per request.
   *
   * @return the totals now
   */
  public QueueTotals queues() {
    return runtime.sessions().queueTotals();
  }

  /**
   * Reports figures to {@code metrics} from now on (see {@link DuplexMetrics}); {@code
   * duplex-micrometer}'s binder registers itself this way.
   *
   * @param metrics the listener
   */
  public void addMetrics(DuplexMetrics metrics) {
    runtime.metrics().add(Objects.requireNonNull(metrics, "metrics"));
  }

  /**
   * Stops reporting to {@code metrics}.
   *
   * @param metrics a listener given to {@link #addMetrics(DuplexMetrics)}
   */
  public void removeMetrics(DuplexMetrics metrics) {
    runtime.metrics().remove(metrics);
  }

  /**
   * Adds a listener that hears pages open and close from now on.
   *
   * @param listener the listener
   */
  public void addScriptSessionListener(ScriptSessionListener listener) {
    runtime.sessions().addListener(listener);
  }

  /**
   * Removes a listener added before; nothing happens if it was not added.
   *
   * @param listener the listener
   */
  public void removeScriptSessionListener(ScriptSessionListener listener) {
    runtime.sessions().removeListener(listener);
  }

  /** Invalidates every page and stops background work. */
  @Override
  public void close() {
    runtime.close();
  }

  /** Collects services and settings; setting names are those of the servlet init-params. */
  public static final class Builder extends ConfigBuilder<Builder> {
    private final List<ServiceExposure<?>> exposures = new ArrayList<>();
    private final List<ScriptSessionListener> listeners = new ArrayList<>();
    private final List<Class<? extends Throwable>> clientVisible = new ArrayList<>();
    private final List<CallInterceptor> interceptors = new ArrayList<>();
    private final List<PushInterceptor> pushInterceptors = new ArrayList<>();
    private final java.util.Set<String> topics = new java.util.LinkedHashSet<>();
    private TopicPolicy topicPolicy = TopicPolicy.DECLARED_ONLY;

    private Builder() {}

    /**
     * Exposes a {@link RemoteService}-annotated class; instances come from its public no-arg
     * constructor, one per its scope.
     *
     * @param annotatedType the service class
     * @return this builder
     */
    public Builder expose(Class<?> annotatedType) {
      return annotated(annotatedType, null);
    }

    /**
     * Exposes a {@link RemoteService}-annotated class whose instances come from {@code factory}.
     *
     * @param annotatedType the service class
     * @param factory makes one instance per the service's scope, when the first call needs it
     * @param <T> the service type
     * @return this builder
     */
    public <T> Builder expose(Class<T> annotatedType, Supplier<? extends T> factory) {
      Objects.requireNonNull(factory, "factory");
      return annotated(annotatedType, duplex -> factory.get());
    }

    /**
     * Exposes a {@link RemoteService}-annotated class whose instances are made from the Duplex that
     * exposes them, so a service can call the browser without a static holder:
     *
     * <pre>{@code
     * Duplex duplex = Duplex.builder().exposeWithDuplex(ChatService.class, ChatService::new).build();
     * // ChatService(Duplex duplex) keeps duplex and calls duplex.browser().page(...) in its methods
     * }</pre>
     *
     * <p>The factory runs lazily, when the first call needs an instance in the service's scope (the
     * Duplex is fully built by then), never inside {@link #build()}. (A name of its own rather than an
     * overload of {@code expose}: a method reference such as {@code ArrayList::new} fits both a
     * {@code Supplier} and a {@code Function}, and would no longer compile.)
     *
     * @param annotatedType the service class
     * @param factory makes one instance per the service's scope from the built Duplex
     * @param <T> the service type
     * @return this builder
     */
    public <T> Builder exposeWithDuplex(Class<T> annotatedType, Function<? super Duplex, ? extends T> factory) {
      return annotated(annotatedType, Objects.requireNonNull(factory, "factory"));
    }

    private <T> Builder annotated(Class<T> annotatedType, Function<? super Duplex, ? extends T> factory) {
      RemoteService service = annotatedType.getAnnotation(RemoteService.class);
      if (service == null) {
        throw new IllegalArgumentException(
            annotatedType.getName() + " is not annotated @RemoteService; use expose(name, type, factory).methods(...)");
      }
      String name = service.name().isEmpty() ? annotatedType.getSimpleName() : service.name();
      exposures.add(new ServiceExposure<>(this, name, annotatedType, factory, true, service.scope()));
      return this;
    }

    /**
     * Exposes a class you cannot annotate: choose its methods with {@link ServiceExposure#methods}.
     *
     * @param name the service's JavaScript name
     * @param type the service class
     * @param factory makes one instance per the exposure's scope, when the first call needs it
     * @param <T> the service type
     * @return the exposure, to choose methods, scope and roles
     */
    public <T> ServiceExposure<T> expose(String name, Class<T> type, Supplier<? extends T> factory) {
      Objects.requireNonNull(factory, "factory");
      return exposeWithDuplex(name, type, duplex -> factory.get());
    }

    /**
     * Exposes a class you cannot annotate, made from the Duplex that exposes it (see
     * {@link #exposeWithDuplex(Class, Function)}); choose its methods with {@link ServiceExposure#methods}.
     *
     * @param name the service's JavaScript name
     * @param type the service class
     * @param factory makes one instance per the exposure's scope from the built Duplex, lazily
     * @param <T> the service type
     * @return the exposure, to choose methods, scope and roles
     */
    public <T> ServiceExposure<T> exposeWithDuplex(
        String name, Class<T> type, Function<? super Duplex, ? extends T> factory) {
      ServiceExposure<T> exposure =
          new ServiceExposure<>(this, name, type, Objects.requireNonNull(factory, "factory"), false, Scope.APPLICATION);
      exposures.add(exposure);
      return exposure;
    }

    /**
     * Exceptions of these types (and subtypes) reach the browser like {@link ClientVisible} ones.
     *
     * @param types exception classes
     * @return this builder
     */
    @SafeVarargs
    public final Builder clientVisible(Class<? extends Throwable>... types) {
      clientVisible.addAll(List.of(types));
      return this;
    }

    /**
     * Runs {@code interceptor} around every exposed method call (see {@link CallInterceptor});
     * interceptors run in the order they are added, the first outermost.
     *
     * @param interceptor the interceptor
     * @return this builder
     */
    public Builder intercept(CallInterceptor interceptor) {
      interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
      return this;
    }

    /**
     * Runs {@code interceptor} around every push made on this node (see {@link PushInterceptor}),
     * once per push however many pages it reaches; interceptors run in the order they are added,
     * the first outermost.
     *
     * @param interceptor the interceptor
     * @return this builder
     */
    public Builder interceptPushes(PushInterceptor interceptor) {
      pushInterceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
      return this;
    }

    /**
     * Declares topics every page may subscribe to ({@code duplex.subscribe(name, fn)}); the {@link
     * TopicPolicy} decides the others, and by default refuses them.
     *
     * @param names topic names, each at most {@code maxTopicNameLength} characters
     * @return this builder
     */
    public Builder topics(String... names) {
      for (String name : names) {
        topics.add(Objects.requireNonNull(name, "topic name"));
      }
      return this;
    }

    /**
     * Decides which page may subscribe to which topic beyond those declared with {@link
     * #topics(String...)}; by default none ({@link TopicPolicy#DECLARED_ONLY}).
     *
     * @param policy asked once per subscription request of a page
     * @return this builder
     */
    public Builder topicPolicy(TopicPolicy policy) {
      this.topicPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Adds a listener that hears pages open and close.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(ScriptSessionListener listener) {
      listeners.add(Objects.requireNonNull(listener));
      return this;
    }

    /**
     * Builds the Duplex; hand it to {@code DuplexServlet} and keep it to call the browser.
     *
     * @return the new Duplex, which owns background work until {@link Duplex#close()}
     * @throws IllegalStateException when the services cannot be exposed as declared (for example two
     *     overloads that the same arguments would match)
     */
    public Duplex build() {
      return new Duplex(this);
    }
  }
}

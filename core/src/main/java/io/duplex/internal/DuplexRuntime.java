package io.duplex.internal;

import io.duplex.CallInterceptor;
import io.duplex.Duplex;
import io.duplex.DuplexConfig;
import io.duplex.ScriptSessionListener;
import io.duplex.ServiceExposure;
import io.duplex.internal.convert.JsonConverter;
import io.duplex.internal.protocol.Refusals;
import io.duplex.internal.remote.CallDispatcher;
import io.duplex.internal.remote.ServiceRegistry;
import io.duplex.internal.reverse.ScriptSessionManager;
import java.util.List;
import java.util.function.Function;

/**
 * Everything one {@link Duplex} is made of, for the transports (servlet, benchmarks) to use. Not API:
 * applications only see {@link Duplex}.
 */
public final class DuplexRuntime implements AutoCloseable {
  private static volatile Function<Duplex, DuplexRuntime> access;

  private final DuplexConfig config;
  private final JsonConverter converter;
  private final ServiceRegistry registry;
  private final CallDispatcher dispatcher;
  private final ScriptSessionManager sessions;
  private final Refusals refusals = new Refusals();
  private final MetricsListeners metrics = new MetricsListeners();
  private final HeldConnectionCounters held = new HeldConnectionCounters();

  /**
   * The one constructor, called by {@link Duplex}'s builder with everything it collected.
   *
   * @param duplex the Duplex this runtime is part of, handed to service factories when they first
   *     run (it is still being constructed here, so nothing may use it yet)
   * @param interceptors run around every exposed method call, first outermost
   * @param pushInterceptors run around every push made on this node, first outermost
   */
  public DuplexRuntime(
      Duplex duplex,
      DuplexConfig config,
      List<ServiceExposure<?>> exposures,
      List<ScriptSessionListener> listeners,
      List<Class<? extends Throwable>> clientVisible,
      List<CallInterceptor> interceptors,
      List<io.duplex.PushInterceptor> pushInterceptors) {
    this.config = config;
    this.sessions = new ScriptSessionManager(config);
    this.converter = JsonConverter.builder().register(sessions.converterExtension()).build();
    this.sessions.useConverter(converter);
    this.sessions.usePushInterceptors(pushInterceptors);
    this.sessions.pushCounters().reportTo(metrics);
    this.registry = ServiceRegistry.create(exposures, converter, duplex);
    this.dispatcher = new CallDispatcher(registry, converter, config, clientVisible, interceptors, metrics);
    this.dispatcher.engineCalls(sessions.topics());
    listeners.forEach(sessions::addListener);
    try {
      sessions.startBackplane();
    } catch (RuntimeException e) {
      sessions.close();
      throw e;
    }
  }

  /** The runtime behind {@code duplex}. */
  public static DuplexRuntime of(Duplex duplex) {
    if (access == null) {
      // Duplex's static initialiser installs the accessor; make sure it has run.
      Duplex.class.getName();
    }
    return access.apply(duplex);
  }

  /** Called once by {@link Duplex}'s static initialiser. */
  public static void setAccess(Function<Duplex, DuplexRuntime> accessor) {
    access = accessor;
  }

  public DuplexConfig config() { return config; }
  public JsonConverter converter() { return converter; }
  public ServiceRegistry registry() { return registry; }
  public CallDispatcher dispatcher() { return dispatcher; }
  public ScriptSessionManager sessions() { return sessions; }
  /** Where the transport counts the requests it refuses. */
  public Refusals refusals() { return refusals; }
  /** The registered {@link io.duplex.DuplexMetrics}, to report to. */
  public MetricsListeners metrics() { return metrics; }
  /** Where the transport counts the reverse connections it holds. */
  public HeldConnectionCounters held() { return held; }

  @Override
  public void close() {
    sessions.close();
  }
}

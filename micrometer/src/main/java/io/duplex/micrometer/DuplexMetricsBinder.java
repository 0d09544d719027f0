package io.duplex.micrometer;

import io.duplex.Duplex;
import io.duplex.DuplexMetrics;
import io.duplex.QueueTotals;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Registers one {@link Duplex}'s figures with a Micrometer registry:
 *
 * <ul>
 *   <li>{@code duplex.calls} (timer), tags {@code service}, {@code method}, {@code outcome} ({@code
 *       success} or {@code error}) and {@code code} (the error code, {@code none} on success): every
 *       call to an exposed method, timed until its outcome is known;
 *   <li>{@code duplex.pages.open} (gauge): open pages (script sessions);
 *   <li>{@code duplex.refusals} (function counter), tag {@code code}: requests the transport refused,
 *       per request-level error code;
 *   <li>{@code duplex.pushes}, {@code duplex.push.pages}, {@code duplex.queue.dropped}, {@code
 *       duplex.queue.resyncs} (function counters): see {@link io.duplex.PushCounts};
 *   <li>{@code duplex.connections.held} (gauge), tag {@code mode} ({@code streaming}, {@code
 *       long_poll}, {@code websocket}): reverse connections held open now, see {@link
 *       io.duplex.HeldConnectionCounts};
 *   <li>{@code duplex.queue.entries}, {@code duplex.queue.bytes}, {@code duplex.queue.depth.max},
 *       {@code duplex.queue.behind} (gauges): the pages' outbound queues summed, see {@link
 *       io.duplex.QueueTotals}; one walk of the open pages serves the four gauges of one scrape (a
 *       gauge read again, or a second after the walk, walks anew);
 *   <li>{@code duplex.push.latency} (timer): from a reverse call being queued until it was written
 *       to its page, per write, see {@link DuplexMetrics#pushWritten(long)}.
 * </ul>
 *
 * <pre>{@code
 * new DuplexMetricsBinder(duplex).bindTo(registry);
 * }</pre>
 *
 * Close the binder to stop recording calls (the gauges read the Duplex until the registry drops
 * them).
 */
public final class DuplexMetricsBinder implements MeterBinder, AutoCloseable {
  private final Duplex duplex;
  /** Walks the open pages' queues: {@link Duplex#queues()}. */
  private final Supplier<QueueTotals> walk;
  private final List<DuplexMetrics> listeners = new CopyOnWriteArrayList<>();
  private final Set<MeterRegistry> bound = Collections.newSetFromMap(new IdentityHashMap<>());

  /**
   * @param duplex the Duplex whose figures to register
   */
  public DuplexMetricsBinder(Duplex duplex) {
    this(duplex, duplex::queues);
  }

  /** For tests: {@code walk} stands for {@link Duplex#queues()}. */
  DuplexMetricsBinder(Duplex duplex, Supplier<QueueTotals> walk) {
    this.duplex = duplex;
    this.walk = walk;
  }

  /**
   * Registers the meters with {@code registry} and starts recording calls into it. Binding again
   * to the same registry does nothing, so a framework and the application may both bind it without
   * counting each call twice.
   *
   * @param registry where the meters go
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    synchronized (bound) {
      if (!bound.add(registry)) {
        return;
      }
    }
    Gauge.builder("duplex.pages.open", duplex, Duplex::openPages)
        .description("Open pages (script sessions)")
        .register(registry);
    for (String code : duplex.refusals().byCode().keySet()) {
      FunctionCounter.builder("duplex.refusals", duplex, d -> d.refusals().count(code))
          .description("Requests refused by the transport")
          .tag("code", code)
          .register(registry);
    }
    counter(registry, "duplex.pushes", "Pushes to sets of pages", d -> d.pushCounts().pushes());
    counter(registry, "duplex.push.pages", "Pages the pushes were queued to", d -> d.pushCounts().pagesReached());
    counter(registry, "duplex.queue.dropped", "Reverse calls dropped from full page queues", d -> d.pushCounts().dropped());
    counter(registry, "duplex.queue.resyncs", "Page queue overflows that make the page resync", d -> d.pushCounts().resyncs());
    Gauge.builder("duplex.connections.held", duplex, d -> d.heldConnections().streaming())
        .description("Reverse connections held open now").tag("mode", "streaming").register(registry);
    Gauge.builder("duplex.connections.held", duplex, d -> d.heldConnections().longPoll())
        .description("Reverse connections held open now").tag("mode", "long_poll").register(registry);
    Gauge.builder("duplex.connections.held", duplex, d -> d.heldConnections().webSocket())
        .description("Reverse connections held open now").tag("mode", "websocket").register(registry);
    // One walk of the open pages serves the four gauges of a scrape (each would walk them all).
    QueueSnapshot queues = new QueueSnapshot(walk, System::nanoTime);
    Gauge.builder("duplex.queue.entries", queues, q -> q.read(QueueSnapshot.ENTRIES).entries())
        .description("Reverse calls queued for their pages, not yet acknowledged").register(registry);
    Gauge.builder("duplex.queue.bytes", queues, q -> q.read(QueueSnapshot.BYTES).bytes())
        .description("Encoded size of the reverse calls queued").baseUnit("bytes").register(registry);
    Gauge.builder("duplex.queue.depth.max", queues, q -> q.read(QueueSnapshot.MAX_DEPTH).maxDepth())
        .description("Entries in the deepest page queue").register(registry);
    Gauge.builder("duplex.queue.behind", queues, q -> q.read(QueueSnapshot.BEHIND).behind())
        .description("Pages with a resync pending").register(registry);
    CallTimers timers = new CallTimers(registry);
    listeners.add(timers);
    duplex.addMetrics(timers);
  }

  private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<Duplex> count) {
    FunctionCounter.builder(name, duplex, count).description(description).register(registry);
  }

  /** Stops recording calls into every registry this binder was bound to. */
  @Override
  public void close() {
    for (DuplexMetrics listener : listeners) {
      duplex.removeMetrics(listener);
    }
    listeners.clear();
    synchronized (bound) {
      bound.clear();
    }
  }

  /**
   * One registry's call timers, cached so that a call costs a map lookup, not a registration, and
   * its push-to-write timer.
   */
  private static final class CallTimers implements DuplexMetrics {
    private record Key(String service, String method, String code) {}

    private final MeterRegistry registry;
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();
    private final Timer pushLatency;

    CallTimers(MeterRegistry registry) {
      this.registry = registry;
      this.pushLatency = Timer.builder("duplex.push.latency")
          .description("From a reverse call being queued until it was written to its page")
          .register(registry);
    }

    @Override
    public void pushWritten(long nanos) {
      pushLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void callCompleted(String service, String method, String errorCode, long nanos) {
      timers.computeIfAbsent(new Key(service, method, errorCode), this::timer).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Key key) {
      return Timer.builder("duplex.calls")
          .description("Calls to exposed methods, until their outcome was known")
          .tags(
              Tags.of(
                  "service", key.service(),
                  "method", key.method(),
                  "outcome", key.code() == null ? "success" : "error",
                  "code", key.code() == null ? "none" : key.code()))
          .register(registry);
    }
  }
}

package io.duplex.bench.client;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.duplex.bench.server.BenchTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * W2: N pages on one page URL held open by the server's delivery mode; the server broadcasts
 * {@code addMessage({seq, sentNanos, text})} to all of them at a rate; every page checks that it
 * gets every round once and in order, and the latency (receipt minus the server's stamp, same
 * monotonic clock) goes into one histogram.
 */
final class BroadcastWorkload implements MessageSink {
  private static final int CONNECT_PARALLELISM = 128;

  private final Engine engine;
  private final ServerProbe probe;
  private final String server;
  private final String mode;
  private final BenchHttp http;
  private final RoundCounter rounds;
  private final Recorder latency = new Recorder(RoundCounter.MAX_LATENCY_MICROS, 3);
  private final LongAdder delivered = new LongAdder();
  private final List<SimPage> pages = new ArrayList<>();
  private long lastRound;
  /** websocket mode only: the pages' sockets. */
  private final SocketEngine sockets;
  /** W2 through a topic: pages subscribe to {@link BenchTarget#TOPIC} and rounds are published there. */
  private final boolean viaTopic;

  BroadcastWorkload(BenchHttp http, String host, int port, String base, ServerProbe probe, String server, String mode) {
    this(http, host, port, base, probe, server, mode, null, false, false);
  }

  /**
   * @param socketPath for {@code mode} websocket: Duplex's {@code {base}/ws} or the ceiling
   *     socket's path; else null
   * @param duplexSocket whether the socket server is Duplex (else the plain socket ceiling)
   * @param viaTopic whether pages subscribe to the topic and rounds are published there
   */
  BroadcastWorkload(BenchHttp http, String host, int port, String base, ServerProbe probe, String server, String mode,
      String socketPath, boolean duplexSocket, boolean viaTopic) {
    this.viaTopic = viaTopic;
    this.http = http;
    this.probe = probe;
    this.server = server;
    this.mode = mode;
    ProgressReporter progress = new ProgressReporter(http, host, port);
    this.rounds = new RoundCounter(progress::delivered);
    this.engine = new Engine(http, base, this);
    this.sockets = socketPath == null ? null : new SocketEngine(engine, this, host, port, socketPath, duplexSocket);
  }

  @Override
  public void onMessage(SimPage page, long seq, long sentNanos, long receivedNanos) {
    if (!rounds.settle(page, seq)) {
      return;
    }
    delivered.increment();
    latency.recordValue(RoundCounter.latencyMicros(sentNanos, receivedNanos));
  }

  /** Opens pages until there are {@code count}; each one's first expected round is the next one. */
  void growTo(int count) throws Exception {
    Semaphore slots = new Semaphore(CONNECT_PARALLELISM);
    List<CompletableFuture<SimPage>> pending = new ArrayList<>();
    for (int i = pages.size(); i < count; i++) {
      SimPage page = new SimPage(i, BenchTarget.BROADCAST_PAGE);
      page.expectedRound = lastRound + 1;
      pages.add(page);
      slots.acquire();
      if (sockets != null) {
        pending.add(sockets.open(page).whenComplete((p, e) -> slots.release()));
        continue;
      }
      CompletableFuture<SimPage> ready = engine.handshake(page);
      if (viaTopic) {
        ready = ready.thenCompose(p -> engine.subscribe(p, BenchTarget.TOPIC));
      }
      pending.add(ready.whenComplete((p, e) -> {
        slots.release();
        if (e == null) {
          engine.startReverse(p);
        }
      }));
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    boolean held = sockets != null || pages.get(0).streams();
    while (probe.stats(false).get("pages").getAsInt() < count
        || (held && pages.stream().anyMatch(p -> !p.streamOpen))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("pages did not all connect: " + probe.stats(false));
      }
      Thread.sleep(50);
    }
    Thread.sleep(300);
  }

  /** One rate: {@code rate} rounds/s (0: as fast as the window allows), warm-up then measurement. */
  JsonObject run(double rate, double warmSeconds, double measureSeconds, int window) throws Exception {
    int n = pages.size();
    rounds.reset(lastRound, n);
    long[] before = SimPage.totals(pages);
    long errors0 = engine.errors.sum();
    CompletableFuture<String> publish =
        http.publish(rate, warmSeconds + measureSeconds, window, viaTopic ? "&topic=true" : "");
    Thread.sleep((long) (warmSeconds * 1000));
    latency.getIntervalHistogram();
    long delivered0 = delivered.sum();
    ServerProbe.Mark start = probe.mark();
    Thread.sleep((long) (measureSeconds * 1000));
    Histogram measured = latency.getIntervalHistogram();
    long delivered1 = delivered.sum();
    ServerProbe.Mark end = probe.mark();

    JsonObject report = JsonParser.parseString(publish.get(120, TimeUnit.SECONDS)).getAsJsonObject();
    long last = report.get("lastSeq").getAsLong();
    boolean drained = rounds.awaitDelivered(last, 15_000);
    for (SimPage page : pages) {
      page.settleTail(last);
    }
    lastRound = last;
    long[] after = SimPage.totals(pages);

    JsonObject result = Results.start(viaTopic ? "W2-topic" : "W2", server);
    result.addProperty("mode", mode);
    result.addProperty("via", viaTopic ? "topic" : "page");
    result.addProperty("pages", n);
    result.addProperty("rate", rate);
    result.addProperty("messagesPerSec", Math.round((delivered1 - delivered0) / end.seconds(start)));
    result.addProperty("roundsPublished", report.get("rounds").getAsLong());
    result.addProperty("publishCpuMicrosPerRound", report.get("cpuNanosPerRound").getAsLong() / 1000.0);
    result.addProperty("publishWallMicrosPerRound", report.get("wallNanosPerRound").getAsLong() / 1000.0);
    Results.latency(result, measured);
    Results.cpu(result, start, end);
    result.addProperty("lost", after[0] - before[0]);
    result.addProperty("duplicated", after[1] - before[1]);
    result.addProperty("outOfOrder", after[2] - before[2]);
    result.addProperty("resyncDropped", after[3] - before[3]);
    result.addProperty("gaps", after[4] - before[4]);
    result.addProperty("drained", drained);
    result.addProperty("errors", engine.errors.sum() - errors0);
    if (engine.lastError != null) {
      result.addProperty("lastError", engine.lastError);
    }
    return result;
  }

  void close() {
    engine.close();
    if (sockets != null) {
      sockets.close();
    }
  }
}

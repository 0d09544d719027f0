package io.duplex.bench.client;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.duplex.bench.server.BenchTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * W5: W2's streaming broadcast over several Duplex nodes joined by a backplane. The pages are
 * split round robin across the nodes; the rounds are published on the first node only, so every
 * page of the other nodes gets them through Redis. Optionally Redis is stopped (SIGSTOP) for a few
 * seconds in the middle of a run: every delivery of the messages published in the measured window
 * is then kept and split by {@link OutageSplit} (held by the outage, queued behind its backlog,
 * outside it; the drain and recovery times).
 */
final class W5Workload implements MessageSink, AutoCloseable {
  private static final int CONNECT_PARALLELISM = 128;

  private final List<BenchHttp> https = new ArrayList<>();
  private final List<Engine> engines = new ArrayList<>();
  private final List<ServerProbe> probes = new ArrayList<>();
  private final RoundCounter rounds;
  private final Recorder latency = new Recorder(RoundCounter.MAX_LATENCY_MICROS, 3);
  private final LongAdder delivered = new LongAdder();
  private final List<SimPage> pages = new ArrayList<>();
  private final long redisPid;
  /** Set while an outage row is measured. */
  private volatile OutageSplit split;
  private long lastRound;

  W5Workload(String host, int[] ports, String base, long redisPid) throws Exception {
    for (int port : ports) {
      BenchHttp http = new BenchHttp(host, port);
      https.add(http);
      engines.add(new Engine(http, base, this));
      probes.add(new ServerProbe(http));
    }
    this.redisPid = redisPid;
    ProgressReporter progress = new ProgressReporter(https.get(0), host, ports[0]);
    this.rounds = new RoundCounter(progress::delivered);
  }

  /**
   * {@code client --workload=w5 --ports=A[,B] [--redisPid=PID --pages=2000 --jvmWarm=5 --warm=2 --measure=10
   * --outage=5]}: one port is one node alone (no outage run without a Redis PID).
   */
  static void main(Map<String, String> options) throws Exception {
    int[] ports = ClientMain.ints(options.get("ports"));
    long pid = Long.parseLong(options.getOrDefault("redisPid", "-1"));
    int pages = Integer.parseInt(options.getOrDefault("pages", "2000"));
    double warm = Double.parseDouble(options.getOrDefault("warm", "2"));
    double measure = Double.parseDouble(options.getOrDefault("measure", "10"));
    double outage = Double.parseDouble(options.getOrDefault("outage", "5"));
    int window = Integer.parseInt(options.getOrDefault("window", "8"));
    try (W5Workload w5 = new W5Workload(options.getOrDefault("host", "127.0.0.1"), ports,
        options.getOrDefault("base", "/duplex"), pid)) {
      w5.growTo(pages);
      double jvmWarm = Double.parseDouble(options.getOrDefault("jvmWarm", "5"));
      if (jvmWarm > 0) {
        // Unmeasured: the server JVMs compile their hot paths before any figure.
        w5.run("warm-up", 0, 0, jvmWarm, window, 0, 0);
      }
      Results.emit(w5.run("R=10", 10, warm, measure, window, 0, 0));
      if (pid > 0 && outage > 0) {
        // Redis stopped 2 s into the measured window; measured on until 5 s after it is back.
        Results.emit(w5.run("R=10, Redis stopped " + outage + " s", 10, warm, outage + 7, window, 2, outage));
      }
      Results.emit(w5.run("full speed", 0, warm, measure, window, 0, 0));
    }
  }

  @Override
  public void onMessage(SimPage page, long seq, long sentNanos, long receivedNanos) {
    if (!rounds.settle(page, seq)) {
      return;
    }
    delivered.increment();
    long micros = RoundCounter.latencyMicros(sentNanos, receivedNanos);
    latency.recordValue(micros);
    OutageSplit outage = split;
    if (outage != null) {
      outage.record(sentNanos, receivedNanos);
    }
  }

  /** Opens pages until there are {@code count}, page i on node i mod nodes. */
  void growTo(int count) throws Exception {
    Semaphore slots = new Semaphore(CONNECT_PARALLELISM);
    List<CompletableFuture<SimPage>> pending = new ArrayList<>();
    for (int i = pages.size(); i < count; i++) {
      SimPage page = new SimPage(i, BenchTarget.BROADCAST_PAGE);
      page.expectedRound = lastRound + 1;
      pages.add(page);
      Engine engine = engines.get(i % engines.size());
      slots.acquire();
      pending.add(engine.handshake(page).whenComplete((p, e) -> {
        slots.release();
        if (e == null) {
          engine.startReverse(p);
        }
      }));
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (localPages() < count || pages.stream().anyMatch(p -> !p.streamOpen)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("pages did not all connect: " + localPages() + " of " + count);
      }
      Thread.sleep(50);
    }
    Thread.sleep(300);
  }

  private int localPages() throws Exception {
    int sum = 0;
    for (ServerProbe probe : probes) {
      sum += probe.stats(false).get("pages").getAsInt();
    }
    return sum;
  }

  /**
   * One rate on the first node ({@code rate} 0: as fast as {@code window} allows); with {@code
   * outageSeconds} > 0, Redis is stopped {@code outageAt} seconds into the measured window.
   */
  JsonObject run(String phase, double rate, double warmSeconds, double measureSeconds, int window,
      double outageAt, double outageSeconds) throws Exception {
    int n = pages.size();
    rounds.reset(lastRound, n);
    long[] before = SimPage.totals(pages);
    long errors0 = errors();
    CompletableFuture<String> publish = https.get(0).publish(rate, warmSeconds + measureSeconds, window, "");
    Thread.sleep((long) (warmSeconds * 1000));
    latency.getIntervalHistogram();
    long delivered0 = delivered.sum();
    List<ServerProbe.Mark> start = marks();
    long stop = 0;
    long cont = 0;
    if (outageSeconds > 0) {
      split = new OutageSplit(System.nanoTime());
      Thread.sleep((long) (outageAt * 1000));
      stop = System.nanoTime();
      signal("STOP");
      try {
        Thread.sleep((long) (outageSeconds * 1000));
      } finally {
        // Read before the signal is sent: Redis may answer as soon as kill runs, and under load
        // the kill process can take a few hundred milliseconds to start and exit.
        cont = System.nanoTime();
        signal("CONT");
      }
      Thread.sleep((long) ((measureSeconds - outageAt - outageSeconds) * 1000));
    } else {
      Thread.sleep((long) (measureSeconds * 1000));
    }
    long windowEnd = System.nanoTime();
    Histogram measured = latency.getIntervalHistogram();
    long delivered1 = delivered.sum();
    List<ServerProbe.Mark> end = marks();

    JsonObject report = JsonParser.parseString(publish.get(120, TimeUnit.SECONDS)).getAsJsonObject();
    long last = report.get("lastSeq").getAsLong();
    boolean drained = rounds.awaitDelivered(last, 15_000);
    OutageSplit outage = split;
    split = null;
    for (SimPage page : pages) {
      page.settleTail(last);
    }
    lastRound = last;
    long[] after = SimPage.totals(pages);

    JsonObject result = Results.start("W5", https.size() == 1 ? "duplex-1-node" : "duplex-" + https.size() + "-nodes");
    result.addProperty("mode", "stream");
    result.addProperty("phase", phase);
    result.addProperty("nodes", https.size());
    result.addProperty("pages", n);
    result.addProperty("rate", rate);
    double seconds = end.get(0).seconds(start.get(0));
    result.addProperty("messagesPerSec", Math.round((delivered1 - delivered0) / seconds));
    result.addProperty("roundsPublished", report.get("rounds").getAsLong());
    // What one publish costs node A's publishing thread (one node: the fan-out to every page; two
    // nodes: encoding and handing the push to the backplane client).
    result.addProperty("publishCpuMicros", report.get("cpuNanosPerRound").getAsLong() / 1000.0);
    Results.latency(result, measured);
    if (outage != null) {
      result.addProperty("outageMs", (cont - stop) / 1_000_000);
      outage.split(stop, cont, windowEnd).addTo(result);
    }
    double serverCores = 0;
    for (int i = 0; i < probes.size(); i++) {
      double cores = end.get(i).serverCores(start.get(i));
      result.addProperty("serverCores" + (char) ('A' + i), Results.round(cores));
      serverCores += cores;
    }
    result.addProperty("serverCores", Results.round(serverCores));
    result.addProperty("clientCores", Results.round(end.get(0).clientCores(start.get(0))));
    result.addProperty("lost", after[0] - before[0]);
    result.addProperty("duplicated", after[1] - before[1]);
    result.addProperty("outOfOrder", after[2] - before[2]);
    result.addProperty("resyncDropped", after[3] - before[3]);
    result.addProperty("gaps", after[4] - before[4]);
    result.addProperty("drained", drained);
    result.addProperty("errors", errors() - errors0);
    for (Engine engine : engines) {
      if (engine.lastError != null) {
        result.addProperty("lastError", engine.lastError);
      }
    }
    return result;
  }

  private void signal(String name) throws Exception {
    int exit = new ProcessBuilder("kill", "-" + name, Long.toString(redisPid)).inheritIO().start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException("kill -" + name + " " + redisPid + " failed");
    }
  }

  private List<ServerProbe.Mark> marks() throws Exception {
    List<ServerProbe.Mark> marks = new ArrayList<>();
    for (ServerProbe probe : probes) {
      marks.add(probe.mark());
    }
    return marks;
  }

  private long errors() {
    return engines.stream().mapToLong(e -> e.errors.sum()).sum();
  }

  @Override
  public void close() throws Exception {
    for (Engine engine : engines) {
      engine.close();
    }
    for (BenchHttp http : https) {
      http.close();
    }
  }
}

package io.duplex.bench.run;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.duplex.bench.client.ClientMain;
import io.duplex.bench.server.ProcessStats;
import io.duplex.bench.server.ServerMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * {@code all}: runs every workload with the server JVM pinned to CPU 0 and the client JVM to CPU
 * 1, the ceiling and Duplex back to back for each, then the JMH benchmarks pinned to CPU 0, and
 * writes the report. Every step has a time limit; nothing waits for ever.
 */
public final class Orchestrator {
  private final Plan plan;
  private static final double QUIET_CORES = 0.25;

  private final Set<String> only;
  private final String command;
  private final long quietWaitSeconds;
  private final List<String> kinds;
  private final Path out;
  private final Path logs;
  private final List<JsonObject> results = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private Launcher launcher;
  private long waitedNanos;
  private int step;

  public Orchestrator(Map<String, String> options) {
    this.plan = Boolean.parseBoolean(options.getOrDefault("quick", "false")) ? Plan.QUICK : Plan.FULL;
    this.only = new TreeSet<>(Arrays.asList(options.getOrDefault("only", "w1,w2,w3,w3d,w4,ws,jmh").split(",")));
    this.command = options.getOrDefault("command", "all");
    this.quietWaitSeconds = Long.parseLong(options.getOrDefault("quietWait", "60"));
    this.kinds = Arrays.asList(options.getOrDefault("servers", "ceiling,duplex").split(","));
    Path benchDir = Files.isDirectory(Path.of("bench", "src")) ? Path.of("bench") : Path.of(".");
    this.out = Path.of(options.getOrDefault("out", benchDir.resolve("RESULTS.md").toString()));
    this.logs = Path.of(options.getOrDefault("logs", benchDir.resolve("target").resolve("bench-logs").toString()));
  }

  public int runAll() throws Exception {
    Instant started = Instant.now();
    launcher = new Launcher(logs);
    log("Duplex bench: " + (plan == Plan.QUICK ? "quick" : "full") + " run, " + String.join(",", only)
        + (launcher.pinned() ? ", server on CPU 0, client on CPU 1" : ", taskset not found: not pinned")
        + "; logs in " + logs);
    if (only.contains("w1")) {
      for (String kind : kinds) {
        phase(kind, ServerMode.STREAM, List.of(
            List.of("--workload=w1", "--batch=1", "--concurrency=" + plan.w1Concurrency(), "--jvmWarm=" + plan.jvmWarm(),
                "--warm=" + plan.w1Warm(), "--measure=" + plan.w1Measure()),
            List.of("--workload=w1", "--batch=10", "--concurrency=" + plan.w1bConcurrency(),
                "--warm=" + plan.w1Warm(), "--measure=" + plan.w1Measure())));
      }
    }
    if (only.contains("w2") || only.contains("w2ws")) {
      // Every delivery mode; websocket against Duplex and against the plain socket ceiling
      // (the ceiling server in websocket mode mounts it beside its servlets).
      for (ServerMode mode : ServerMode.values()) {
        if (!only.contains("w2") && mode != ServerMode.WEBSOCKET) {
          continue;
        }
        for (String kind : kinds) {
          phase(kind, mode, List.of(w2Run(mode, plan.w2Pages(), plan.w2Rates())));
        }
      }
    }
    if (only.contains("w2") && kinds.contains("duplex")) {
      // W2 through a topic (Duplex only), streaming, the same N and R as W2 above.
      phase("duplex", ServerMode.STREAM, List.of(List.of("--workload=w2", "--via=topic", "--mode=stream",
          "--pages=" + plan.w2Pages(), "--rates=" + plan.w2Rates(),
          "--warm=" + plan.w2Warm(), "--measure=" + plan.w2Measure(), "--window=8")));
    }
    if (only.contains("w3")) {
      for (String kind : kinds) {
        phase(kind, ServerMode.STREAM, List.of(List.of("--workload=w3", "--pages=" + plan.w3Pages())));
      }
    }
    if (only.contains("w3d")) {
      defaultContainersPhase();
    }
    if (only.contains("w4") && kinds.contains("duplex")) {
      attackPhase();
    }
    if (only.contains("ws")) {
      socketPhase();
    }
    if (only.contains("jmh")) {
      awaitQuiet("jmh");
    }
    List<JmhResult> jmh = only.contains("jmh") ? runJmh() : List.of();
    Duration took = Duration.between(started, Instant.now());
    Report report = new Report(results, jmh, problems, MachineInfo.collect(launcher.pinned()), took,
        Duration.ofNanos(waitedNanos), plan == Plan.QUICK, command);
    report.write(out);
    log("Wrote " + out.toAbsolutePath() + " after " + took.toSeconds() + " s");
    return problems.isEmpty() ? 0 : 1;
  }

  /**
   * Waits (up to {@code quietWaitSeconds}) until the machine is quiet: figures taken while other
   * work runs on the same cores measure that work too.
   */
  private void awaitQuiet(String name) throws InterruptedException {
    long started = System.nanoTime();
    try {
      waitQuiet(name);
    } finally {
      waitedNanos += System.nanoTime() - started;
    }
  }

  private void waitQuiet(String name) throws InterruptedException {
    long deadline = System.nanoTime() + quietWaitSeconds * 1_000_000_000L;
    boolean logged = false;
    while (true) {
      long busy0 = ProcessStats.machineBusyNanos();
      long t0 = System.nanoTime();
      Thread.sleep(1_000);
      double cores = (ProcessStats.machineBusyNanos() - busy0) / (double) (System.nanoTime() - t0);
      if (busy0 < 0 || cores < QUIET_CORES) {
        if (logged) {
          log(name + ": machine quiet again");
        }
        return;
      }
      if (System.nanoTime() > deadline) {
        log(name + String.format(": machine still busy (%.2f cores used by others); measuring anyway", cores));
        problems.add(name + String.format(": started while other work used %.2f cores", cores));
        return;
      }
      if (!logged) {
        log(name + String.format(": machine busy (%.2f cores used by others), waiting up to %d s", cores, quietWaitSeconds));
        logged = true;
      }
    }
  }

  /**
   * W4: Duplex only, its server JVM held to {@value #W4_HEAP} of heap; legitimate W1 load without
   * attack, under a handshake flood, and beside slow bodies, in one client run. Afterwards a result
   * line records whether the server logged an OutOfMemoryError and was still alive.
   */
  private void attackPhase() throws Exception {
    AtomicBoolean outOfMemory = new AtomicBoolean();
    boolean[] alive = new boolean[1];
    phase("duplex", ServerMode.STREAM, List.of("-Xmx" + W4_HEAP, "-XX:+UseG1GC"), List.of("--defaultLimits=true"),
        List.of(List.of("--workload=w4",
            "--concurrency=16", "--jvmWarm=" + plan.jvmWarm(), "--warm=" + plan.w4Warm(),
            "--measure=" + plan.w4Measure(), "--floodConnections=8", "--slowBodies=" + plan.w4SlowBodies())),
        line -> {
          if (line.contains("OutOfMemoryError")) {
            outOfMemory.set(true);
          }
        },
        server -> alive[0] = server.process().isAlive());
    JsonObject server = new JsonObject();
    server.addProperty("workload", "W4-server");
    server.addProperty("server", "duplex");
    server.addProperty("maxHeap", W4_HEAP);
    server.addProperty("outOfMemory", outOfMemory.get());
    server.addProperty("aliveAtEnd", alive[0]);
    results.add(server);
    log("  W4 server: -Xmx" + W4_HEAP + ", OutOfMemoryError " + (outOfMemory.get() ? "LOGGED" : "none")
        + ", alive at end " + alive[0]);
  }

  private static final String W4_HEAP = "512m";

  /** One W2 client run: the pages held open by {@code mode}, each rate in turn. */
  private List<String> w2Run(ServerMode mode, String pages, String rates) {
    return List.of("--workload=w2", "--mode=" + mode.argName(), "--pages=" + pages, "--rates=" + rates,
        "--warm=" + plan.w2Warm(), "--measure=" + plan.w2Measure(), "--window=8");
  }

  /**
   * W3 on default containers (issue 10): idle pages on Jetty with its default connector settings
   * and on Tomcat's default connector, each against a fresh server: the plain servlet (the
   * ceiling's long poll), the plain socket ceiling, and Duplex streaming, long poll and websocket.
   */
  private void defaultContainersPhase() throws Exception {
    record Idle(String kind, ServerMode mode) {}
    List<Idle> runs = List.of(
        new Idle("ceiling", ServerMode.LONGPOLL), new Idle("ceiling", ServerMode.WEBSOCKET),
        new Idle("duplex", ServerMode.STREAM), new Idle("duplex", ServerMode.LONGPOLL),
        new Idle("duplex", ServerMode.WEBSOCKET));
    for (String container : List.of("jetty-default", "tomcat")) {
      for (Idle run : runs) {
        if (!kinds.contains(run.kind())) {
          continue;
        }
        List<String> client = new ArrayList<>(List.of("--workload=w3", "--label=W3d", "--container=" + container,
            "--pages=" + plan.w3DefaultPages()));
        if (run.mode() == ServerMode.WEBSOCKET) {
          client.add("--mode=websocket");
        }
        phase(run.kind(), run.mode(), List.of(), List.of("--container=" + container), List.of(client),
            line -> {}, server -> {});
      }
    }
  }

  /**
   * WS1: W1 at C = 16 over Duplex's WebSocket and over a plain socket endpoint on the same server
   * JVM, and W1 at C = 16 over HTTP against the servlet ceiling (skipped when W1 already ran it).
   */
  private void socketPhase() throws Exception {
    String warm = "--jvmWarm=" + plan.jvmWarm();
    String phases = "--warm=" + plan.w1Warm();
    String measure = "--measure=" + plan.w1Measure();
    phase("duplex", ServerMode.WEBSOCKET, List.of(
        List.of("--workload=ws", "--concurrency=16", warm, phases, measure),
        List.of("--workload=ws", "--concurrency=16", warm, phases, measure,
            "--server=ceiling-socket", "--socketPath=/ceiling/ws", "--handshake=false")));
    if (!only.contains("w1")) {
      phase("ceiling", ServerMode.STREAM, List.of(
          List.of("--workload=w1", "--batch=1", "--concurrency=16", warm, phases, measure)));
    }
  }

  /** One server JVM for a sequence of client runs against it. */
  private void phase(String kind, ServerMode mode, List<List<String>> clientRuns) throws Exception {
    phase(kind, mode, List.of(), List.of(), clientRuns, line -> {}, server -> {});
  }

  private void phase(String kind, ServerMode mode, List<String> serverJvm, List<String> serverArgs,
      List<List<String>> clientRuns, Consumer<String> serverLines, Consumer<Launcher.Running> afterClients)
      throws Exception {
    String name = String.format("%02d-%s-%s", ++step, kind, mode.argName());
    awaitQuiet(name);
    CompletableFuture<Integer> ready = new CompletableFuture<>();
    List<String> serverMain = new ArrayList<>(
        List.of("io.duplex.bench.BenchMain", "server", "--kind=" + kind, "--mode=" + mode.argName(), "--maxSeconds=600"));
    serverMain.addAll(serverArgs);
    Launcher.Running server = launcher.start(name + "-server", 0, serverJvm, serverMain,
        line -> {
          if (line.startsWith("READY ")) {
            ready.complete(Integer.parseInt(line.split(" ")[1]));
          }
          serverLines.accept(line);
        });
    try {
      int port;
      try {
        port = ready.get(180, TimeUnit.SECONDS);
      } catch (Exception e) {
        problems.add(name + ": server did not start (see " + server.log() + ")");
        return;
      }
      int run = 0;
      for (List<String> clientArgs : clientRuns) {
        String clientName = name + "-client" + (clientRuns.size() > 1 ? "-" + (++run) : "");
        log(clientName + ": " + String.join(" ", clientArgs));
        List<String> args = new ArrayList<>(List.of("io.duplex.bench.BenchMain", "client", "--port=" + port,
            "--base=/" + kind, "--server=" + kind, "--maxSeconds=540"));
        args.addAll(clientArgs);
        Launcher.Running client = launcher.start(clientName, 1, args, line -> {
          JsonObject result = ClientMain.parseResultLine(line);
          if (result != null) {
            synchronized (results) {
              results.add(result);
            }
            log("  " + summary(result));
          }
        });
        int exit = client.await(600);
        if (exit != 0) {
          problems.add(clientName + ": client exited with " + exit + " (see " + client.log() + ")");
        }
      }
      afterClients.accept(server);
    } finally {
      server.stop();
    }
  }

  private List<JmhResult> runJmh() throws Exception {
    Path json = logs.resolve("jmh.json");
    Files.deleteIfExists(json);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx4g",
        "-cp", System.getProperty("java.class.path"), "org.openjdk.jmh.Main", "io.duplex.bench.jmh"));
    command.addAll(Arrays.asList(plan.jmhOptions().split(" ")));
    command.addAll(List.of("-jvmArgs", "-Xmx4g", "-rf", "json", "-rff", json.toString()));
    log("jmh: " + plan.jmhOptions());
    Launcher.Running jmh = launcher.start(String.format("%02d-jmh", ++step), 0, command, line -> {
      if (line.startsWith("Benchmark") || line.matches("^[A-Z][A-Za-z]+\\.[a-zA-Z].*\\s(avgt|thrpt)\\s.*")) {
        log("  " + line);
      }
    }, false);
    int exit = jmh.await(420);
    if (exit != 0 || !Files.exists(json)) {
      problems.add("jmh exited with " + exit + " (see " + jmh.log() + ")");
      return List.of();
    }
    List<JmhResult> list = new ArrayList<>();
    for (JsonElement element : JsonParser.parseString(Files.readString(json)).getAsJsonArray()) {
      JsonObject o = element.getAsJsonObject();
      JsonObject metric = o.getAsJsonObject("primaryMetric");
      StringBuilder params = new StringBuilder();
      if (o.has("params")) {
        o.getAsJsonObject("params").entrySet().forEach(e ->
            params.append(params.length() == 0 ? "" : ", ").append(e.getKey()).append('=').append(e.getValue().getAsString()));
      }
      String benchmark = o.get("benchmark").getAsString();
      list.add(new JmhResult(benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1),
          params.toString(), o.get("mode").getAsString(), metric.get("score").getAsDouble(),
          metric.get("scoreError").isJsonPrimitive() ? metric.get("scoreError").getAsDouble() : Double.NaN,
          metric.get("scoreUnit").getAsString()));
    }
    return list;
  }

  private static String summary(JsonObject r) {
    StringBuilder s = new StringBuilder(r.get("workload").getAsString()).append(' ').append(r.get("server").getAsString());
    for (String key : List.of("attack", "mode", "concurrency", "batch", "pages", "rate", "callsPerSec", "messagesPerSec",
        "p50Ms", "p99Ms", "maxMs", "serverCores", "clientCores", "lost", "duplicated", "outOfOrder",
        "heapBytesPerPage", "threads", "errors", "attackPerSec", "slowBodiesOpenAtEnd", "heapPeakBytes",
        "heapAfterGcPeakBytes")) {
      if (r.has(key)) {
        s.append(' ').append(key).append('=').append(r.get(key));
      }
    }
    return s.toString();
  }

  static void log(String message) {
    System.out.println("[" + java.time.LocalTime.now().withNano(0) + "] " + message);
    System.out.flush();
  }

  record JmhResult(String benchmark, String params, String mode, double score, double error, String unit) {}

  static JsonArray toJson(List<JsonObject> results) {
    JsonArray array = new JsonArray();
    results.forEach(array::add);
    return array;
  }

  static void writeRaw(Path file, List<JsonObject> results) throws IOException {
    Files.writeString(file, toJson(results).toString());
  }
}

package io.duplex.bench.run;

import com.google.gson.JsonObject;
import io.duplex.bench.client.ClientMain;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code w5}: the streaming broadcast of W2 at N pages, first on one Duplex node alone (server on
 * CPU 0, client on CPU 1), then on two nodes joined by a Redis backplane (node A on CPU 0, node B
 * on CPU 1, the client and redis-server unpinned: the machine has two cores), rounds published on
 * node A. Starts its own redis-server on a free port, persistence off. Writes a report of its own.
 */
public final class W5Run {
  private final Path out;
  private final Path logs;
  private final int pages;
  private final double warm;
  private final double measure;
  private final double outage;
  private final double jvmWarm;
  /** The one-node half with server and client unpinned, sharing both cores as the two-node half does. */
  private final boolean shared;
  private final List<JsonObject> results = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final List<String> loads = new ArrayList<>();
  private Launcher launcher;

  public W5Run(Map<String, String> options) {
    boolean quick = Boolean.parseBoolean(options.getOrDefault("quick", "false"));
    Path benchDir = Files.isDirectory(Path.of("bench", "src")) ? Path.of("bench") : Path.of(".");
    this.out = Path.of(options.getOrDefault("out", benchDir.resolve("target").resolve("W5.md").toString()));
    this.logs = Path.of(options.getOrDefault("logs", benchDir.resolve("target").resolve("bench-logs").toString()));
    this.pages = Integer.parseInt(options.getOrDefault("pages", quick ? "200" : "2000"));
    this.warm = Double.parseDouble(options.getOrDefault("warm", quick ? "1" : "3"));
    this.measure = Double.parseDouble(options.getOrDefault("measure", quick ? "3" : "10"));
    this.outage = Double.parseDouble(options.getOrDefault("outage", "5"));
    this.jvmWarm = Double.parseDouble(options.getOrDefault("jvmWarm", quick ? "1" : "5"));
    this.shared = Boolean.parseBoolean(options.getOrDefault("shared", "false"));
  }

  public int run() throws Exception {
    Instant started = Instant.now();
    launcher = new Launcher(logs);
    Orchestrator.log("W5: " + pages + " streaming pages; one node, then two nodes on Redis; logs in " + logs);
    load("start");
    singleNode();
    load("after one node");
    twoNodes();
    load("after two nodes");
    write(Duration.between(started, Instant.now()));
    Orchestrator.log("Wrote " + out.toAbsolutePath());
    return problems.isEmpty() ? 0 : 1;
  }

  private void singleNode() throws Exception {
    Launcher.Running server = startServer("w5-single-server", shared ? -1 : 0, null);
    try {
      int port = server == null ? -1 : ready.get(server);
      if (port < 0) {
        return;
      }
      client("w5-single-client", shared ? -1 : 1, List.of("--port=" + port, "--ports=" + port, "--workload=w5",
          "--pages=" + pages, "--jvmWarm=" + jvmWarm, "--warm=" + warm, "--measure=" + measure, "--window=8"));
    } finally {
      if (server != null) {
        server.stop();
      }
    }
  }

  private void twoNodes() throws Exception {
    int redisPort = freePort();
    Launcher.Running redis = launcher.start("w5-redis", -1, List.of("redis-server", "--port", Integer.toString(redisPort),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"), line -> {}, false);
    Launcher.Running a = null;
    Launcher.Running b = null;
    try {
      if (!awaitRedis(redisPort, redis)) {
        problems.add("redis-server did not start (see " + redis.log() + "); is it installed?");
        return;
      }
      String url = "redis://127.0.0.1:" + redisPort;
      a = startServer("w5-node-a", 0, url);
      b = startServer("w5-node-b", 1, url);
      int portA = a == null ? -1 : ready.get(a);
      int portB = b == null ? -1 : ready.get(b);
      if (portA < 0 || portB < 0) {
        return;
      }
      client("w5-cluster-client", -1, List.of("--port=" + portA, "--ports=" + portA + "," + portB, "--workload=w5",
          "--redisPid=" + redis.process().pid(), "--pages=" + pages, "--warm=" + warm, "--measure=" + measure,
          "--jvmWarm=" + jvmWarm, "--outage=" + outage, "--window=8"));
    } finally {
      if (a != null) {
        a.stop();
      }
      if (b != null) {
        b.stop();
      }
      redis.process().destroy();
      redis.stop();
    }
  }

  private final Ports ready = new Ports();

  /** The port each server printed in its READY line. */
  private final class Ports {
    private final Map<Launcher.Running, CompletableFuture<Integer>> ports = new java.util.concurrent.ConcurrentHashMap<>();

    CompletableFuture<Integer> of(Launcher.Running server) {
      return ports.computeIfAbsent(server, s -> new CompletableFuture<>());
    }

    int get(Launcher.Running server) {
      try {
        return of(server).get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        problems.add(server.name() + ": server did not start (see " + server.log() + ")");
        return -1;
      }
    }
  }

  private Launcher.Running startServer(String name, int cpu, String backplane) throws IOException {
    List<String> args = new ArrayList<>(List.of("io.duplex.bench.BenchMain", "server", "--kind=duplex", "--mode=stream",
        "--maxSeconds=600"));
    if (backplane != null) {
      args.add("--backplane=" + backplane);
    }
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Launcher.Running server = launcher.start(name, cpu, args, line -> {
      if (line.startsWith("READY ")) {
        port.complete(Integer.parseInt(line.split(" ")[1]));
      }
    });
    port.whenComplete((p, e) -> ready.of(server).complete(p));
    return server;
  }

  private void client(String name, int cpu, List<String> clientArgs) throws Exception {
    Orchestrator.log(name + ": " + String.join(" ", clientArgs));
    List<String> args = new ArrayList<>(List.of("io.duplex.bench.BenchMain", "client", "--maxSeconds=540"));
    args.addAll(clientArgs);
    Launcher.Running client = launcher.start(name, cpu, args, line -> {
      JsonObject result = ClientMain.parseResultLine(line);
      if (result != null) {
        result.addProperty("loadAverage", loadAverage());
        synchronized (results) {
          results.add(result);
        }
        Orchestrator.log("  " + result);
      }
    });
    int exit = client.await(600);
    if (exit != 0) {
      problems.add(name + ": client exited with " + exit + " (see " + client.log() + ")");
    }
  }

  private static boolean awaitRedis(int port, Launcher.Running redis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline && redis.process().isAlive()) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.getOutputStream().write("PING\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        if (socket.getInputStream().read() == '+') {
          return true;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(20);
    }
    return false;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The 1-, 5- and 15-minute load averages ({@code uptime}'s figures). */
  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  private void load(String when) {
    String line = when + ": load average " + loadAverage();
    loads.add(line);
    Orchestrator.log(line);
  }

  private JsonObject find(String server, String phase) {
    return results.stream()
        .filter(r -> r.get("server").getAsString().equals(server) && r.get("phase").getAsString().startsWith(phase))
        .findFirst().orElse(null);
  }

  /** The outage row split by when each message was published and delivered (see OutageSplit). */
  private void outage(StringBuilder md) {
    JsonObject row = results.stream().filter(r -> r.has("outageMs") && r.has("samplesHeld")).findFirst().orElse(null);
    if (row == null) {
      return;
    }
    md.append(String.format(Locale.ROOT, "%nThe outage row (Redis stopped %d ms) by when each message of the measured window "
        + "was published and delivered. **Held**: published during the outage, or published before SIGSTOP and delivered "
        + "only after SIGCONT (it waited for Redis; the backplane keeps it by design, its delay is the outage). **Drain**: from SIGCONT until "
        + "the last held message reached its page. **Behind**: published after SIGCONT but before the drain ended "
        + "(queued behind the backlog). **Outside**: all others, i.e. published before SIGSTOP and delivered before "
        + "SIGCONT, or published after the drain ended; \"p99 outside outage\" above is this group's. **Recovered**: from SIGCONT "
        + "to the first 250 ms slice of publish time whose p99 is at most the p99 of the messages before the outage.%n%n",
        row.get("outageMs").getAsLong()));
    md.append("| messages | count | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|\n");
    String[][] groups = {{"Outside", "outside the outage"}, {"Before", "of which before SIGSTOP"},
        {"Held", "held by the outage"}, {"InFlight", "of which published before SIGSTOP"},
        {"Behind", "behind the backlog"}};
    for (String[] group : groups) {
      md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %.1f |%n", group[1],
          row.get("samples" + group[0]).getAsLong(), row.get("p50" + group[0] + "Ms").getAsDouble(),
          row.get("p99" + group[0] + "Ms").getAsDouble(), row.get("max" + group[0] + "Ms").getAsDouble()));
    }
    long recovered = row.get("recoveredMs").getAsLong();
    md.append(String.format(Locale.ROOT, "%nDrain: %,d ms after SIGCONT. Latency back to normal: %s.%n",
        row.get("drainMs").getAsLong(),
        recovered < 0 ? "not within the measured window" : String.format(Locale.ROOT, "%,d ms after SIGCONT", recovered)));
  }

  private void write(Duration took) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("## W5: two nodes on a Redis backplane (issue 11; `w5` command, ")
        .append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC).format(Instant.now()))
        .append(" UTC)\n\n");
    MachineInfo machine = MachineInfo.collect(launcher.pinned());
    md.append(String.format(Locale.ROOT, "%s, %d cores, %s; %s. N = %d streaming pages (comet streaming), "
            + "split round robin across the nodes; rounds published on node A. One node: "
            + (shared ? "server and client unpinned (`--shared`: both cores shared, as on two nodes). "
                : "server on CPU 0, client on CPU 1. ")
            + "Two nodes: node A on CPU 0, node B on CPU 1, the load client and redis-server unpinned (2 cores: they share "
            + "them with the nodes). Publish CPU: the CPU time of node A's publishing thread per round. %.0f s of unmeasured full-speed load first (JIT), then per row %.0f s warm-up, %.0f s measured. Took %d s.%n%n",
        machine.cpu(), machine.cores(), machine.jvm(), machine.os(), pages, jvmWarm, warm, measure, took.toSeconds()));
    md.append("Load average (`uptime`) during the run: ").append(String.join("; ", loads)).append(".\n\n");
    md.append("| setup | phase | delivered msg/s | p50 ms | p99 ms | max ms | p99 outside outage ms | lost | duplicated | out of order | resync | server cores | client cores | publish CPU µs | load avg |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (JsonObject r : results) {
      md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.1f | %.1f | %.1f | %s | %d | %d | %d | %d | %s | %.2f | %s | %s |%n",
          r.get("server").getAsString(), r.get("phase").getAsString(), r.get("messagesPerSec").getAsLong(),
          r.get("p50Ms").getAsDouble(), r.get("p99Ms").getAsDouble(), r.get("maxMs").getAsDouble(),
          r.has("p99OutsideMs") ? String.format(Locale.ROOT, "%.1f", r.get("p99OutsideMs").getAsDouble()) : "",
          r.get("lost").getAsLong(), r.get("duplicated").getAsLong(), r.get("outOfOrder").getAsLong(),
          r.get("resyncDropped").getAsLong(),
          r.has("serverCoresB")
              ? String.format(Locale.ROOT, "%.2f + %.2f", r.get("serverCoresA").getAsDouble(), r.get("serverCoresB").getAsDouble())
              : String.format(Locale.ROOT, "%.2f", r.get("serverCores").getAsDouble()),
          r.get("clientCores").getAsDouble(),
          r.has("publishCpuMicros") ? String.format(Locale.ROOT, "%.0f", r.get("publishCpuMicros").getAsDouble()) : "",
          r.get("loadAverage").getAsString()));
    }
    outage(md);
    md.append("\nTargets (issue 11):\n\n");
    JsonObject calm = find("duplex-2-nodes", "R=10");
    JsonObject stopped = results.stream().filter(r -> r.has("outageMs")).findFirst().orElse(null);
    JsonObject fast = find("duplex-2-nodes", "full speed");
    JsonObject single = find("duplex-1-node", "full speed");
    long faults = results.stream().filter(r -> r.get("nodes").getAsInt() > 1)
        .mapToLong(r -> r.get("lost").getAsLong() + r.get("duplicated").getAsLong() + r.get("outOfOrder").getAsLong()).sum();
    md.append("- zero lost, duplicated or out of order on two nodes, also with Redis stopped: ")
        .append(faults == 0 && stopped != null ? "**met**" : "**missed** (" + faults + ")").append('\n');
    if (calm != null) {
      double p99 = calm.get("p99Ms").getAsDouble();
      md.append(String.format(Locale.ROOT, "- p99 < 100 ms at R = 10 outside the outage: %.1f ms without outage", p99));
      if (stopped != null) {
        md.append(String.format(Locale.ROOT, ", %.1f ms outside the %d ms outage (as defined above)",
            stopped.get("p99OutsideMs").getAsDouble(), stopped.get("outageMs").getAsLong()));
      }
      boolean met = p99 < 100 && (stopped == null || stopped.get("p99OutsideMs").getAsDouble() < 100);
      md.append(met ? ": **met**\n" : ": **missed**\n");
    }
    if (fast != null && single != null) {
      double ratio = fast.get("messagesPerSec").getAsDouble() / single.get("messagesPerSec").getAsDouble();
      md.append(String.format(Locale.ROOT, "- full speed at least 70%% of one node's delivery rate: %,d / %,d msg/s = %.0f%%: %s%n",
          fast.get("messagesPerSec").getAsLong(), single.get("messagesPerSec").getAsLong(), ratio * 100,
          ratio >= 0.7 ? "**met**" : "**missed**"));
    }
    if (!problems.isEmpty()) {
      md.append("\nProblems: ").append(String.join("; ", problems)).append('\n');
    }
    md.append("\nRe-run: `mvn -B -ntp -q -DskipTests package && java -jar bench/target/duplex-bench.jar w5`"
        + " (writes bench/target/W5.md; `--pages=`, `--measure=`, `--outage=` to change).\n");
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, md.toString());
    System.out.print(md);
  }
}

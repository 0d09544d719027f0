package io.duplex.bench.run;

import com.google.gson.JsonObject;
import io.duplex.bench.server.ServerMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Writes RESULTS.md: the run's facts, the targets with verdicts, and every figure of
 * Duplex next to the ceiling's from the same run. Text below {@link #NOTES_MARKER} in an existing
 * file is kept, so analysis written by hand survives re-runs.
 */
final class Report {
  static final String NOTES_MARKER = "<!-- Notes below this line are written by hand and kept across runs. -->";

  private final List<JsonObject> results;
  private final List<Orchestrator.JmhResult> jmh;
  private final List<String> problems;
  private final MachineInfo machine;
  private final Duration took;
  private final Duration waited;
  private final boolean quick;
  private final String command;

  Report(List<JsonObject> results, List<Orchestrator.JmhResult> jmh, List<String> problems, MachineInfo machine,
      Duration took, Duration waited, boolean quick, String command) {
    this.command = command;
    this.results = results;
    this.jmh = jmh;
    this.problems = problems;
    this.machine = machine;
    this.took = took;
    this.waited = waited;
    this.quick = quick;
  }

  void write(Path file) throws IOException {
    String notes = "";
    if (Files.exists(file)) {
      String old = Files.readString(file);
      int at = old.indexOf(NOTES_MARKER);
      if (at >= 0) {
        notes = old.substring(at + NOTES_MARKER.length());
      }
    }
    StringBuilder md = new StringBuilder();
    header(md);
    targets(md);
    w1(md);
    w2(md);
    w2Topic(md);
    w3(md);
    w3Default(md);
    w4(md);
    ws(md);
    jmh(md);
    quality(md);
    if (!problems.isEmpty()) {
      md.append("## Problems in this run\n\n");
      problems.forEach(p -> md.append("- ").append(p).append('\n'));
      md.append('\n');
    }
    md.append(NOTES_MARKER).append(notes.isEmpty() ? "\n" : notes);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
  }

  private void header(StringBuilder md) {
    md.append("# Duplex benchmark results\n\n")
        .append("Written by `java -jar bench/target/duplex-bench.jar ").append(command)
        .append(quick ? " --quick" : "").append("` (see [README.md](README.md)). ")
        .append("Server and load client are separate JVMs on 127.0.0.1; every Duplex figure stands next to the ")
        .append("ceiling's (plain async servlets on the same Jetty, no framework) from the same run.")
        .append(quick ? " **Quick smoke run: durations and sizes are cut down; the figures are not the issue's measurement.**" : "")
        .append("\n\n| | |\n|---|---|\n")
        .append("| date | ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))).append(" |\n")
        .append("| JVM | ").append(machine.jvm()).append(" |\n")
        .append("| machine | ").append(machine.cpu()).append(", ").append(machine.cores()).append(" cores, ")
        .append(machine.memory()).append(", ").append(machine.os()).append(" |\n")
        .append("| pinning | ").append(machine.pinning()).append(" |\n")
        .append("| run time | ").append(took.toMinutes()).append(" min ").append(took.toSecondsPart()).append(" s")
        .append(waited.toSeconds() >= 5 ? ", of which " + waited.toSeconds() + " s waiting for other work on the machine to stop" : "")
        .append(" |\n\n");
  }

  private void targets(StringBuilder md) {
    md.append("## Targets\n\n| target | measured | needed | verdict |\n|---|---|---|---|\n");
    for (int c : new int[] {16, 64}) {
      Optional<JsonObject> d = find(r -> is(r, "W1", "duplex") && num(r, "concurrency") == c);
      Optional<JsonObject> ce = find(r -> is(r, "W1", "ceiling") && num(r, "concurrency") == c);
      if (d.isPresent() && ce.isPresent()) {
        double ratio = num(d.get(), "callsPerSec") / num(ce.get(), "callsPerSec");
        double perCore = perServerCore(d.get()) / perServerCore(ce.get());
        targetRow(md, "W1 C=" + c + ": Duplex calls/s vs ceiling",
            pct(ratio) + " of ceiling (per server CPU-second: " + pct(perCore) + ")", "≥ 90%", ratio >= 0.9,
            "by " + pct(0.9 - ratio) + " of the ceiling");
      }
    }
    find(r -> is(r, "W1b", "duplex") && num(r, "concurrency") == 16).ifPresent(d -> {
      double v = num(d, "callsPerSec");
      targetRow(md, "W1b C=16: calls/s (10 per request)", count(v), "≥ 150,000", v >= 150_000,
          "by " + count(150_000 - v) + " calls/s (" + pct(1 - v / 150_000) + ")");
    });
    find(r -> isW2(r, "duplex", "stream") && num(r, "pages") == 5000 && num(r, "rate") == 10).ifPresent(d -> {
      double v = num(d, "messagesPerSec");
      double p99 = num(d, "p99Ms");
      boolean all = v >= 0.98 * 50_000 && num(d, "lost") == 0;
      targetRow(md, "W2 streaming N=5000 R=10/s: every message delivered", count(v) + " msg/s, lost " + (long) num(d, "lost"),
          "50,000 msg/s, none lost", all, "by " + count(50_000 - v) + " msg/s");
      targetRow(md, "W2 streaming N=5000 R=10/s: p99 latency", ms(p99) + " ms", "< 100 ms", p99 < 100,
          "by " + ms(p99 - 100) + " ms");
    });
    find(r -> isW2(r, "duplex", "stream") && num(r, "pages") == 5000 && num(r, "rate") == 0).ifPresent(d -> {
      double v = num(d, "messagesPerSec");
      targetRow(md, "W2 streaming N=5000 full speed", count(v) + " msg/s", "≥ 100,000 msg/s", v >= 100_000,
          "by " + count(100_000 - v) + " msg/s (" + pct(1 - v / 100_000) + ")");
    });
    find(r -> isW2(r, "duplex", "websocket") && num(r, "pages") == 5000 && num(r, "rate") == 10).ifPresent(d -> {
      double v = num(d, "messagesPerSec");
      double p99 = num(d, "p99Ms");
      boolean all = v >= 0.98 * 50_000 && num(d, "lost") == 0;
      targetRow(md, "W2 websocket N=5000 R=10/s: every message delivered", count(v) + " msg/s, lost " + (long) num(d, "lost"),
          "50,000 msg/s, none lost", all, "by " + count(50_000 - v) + " msg/s");
      targetRow(md, "W2 websocket N=5000 R=10/s: p99 latency", ms(p99) + " ms", "< 100 ms", p99 < 100,
          "by " + ms(p99 - 100) + " ms");
    });
    find(r -> isW2(r, "duplex", "websocket") && num(r, "pages") == 5000 && num(r, "rate") == 0).ifPresent(d -> {
      double v = num(d, "messagesPerSec");
      targetRow(md, "W2 websocket N=5000 full speed", count(v) + " msg/s", "≥ 250,000 msg/s", v >= 250_000,
          "by " + count(250_000 - v) + " msg/s (" + pct(1 - v / 250_000) + ")");
    });
    find(r -> isW2(r, "duplex", "longpoll") && num(r, "pages") == 5000 && num(r, "rate") == 10).ifPresent(d -> {
      double rounds = num(d, "messagesPerSec") / 5000;
      targetRow(md, "W2 long poll N=5000 R=10/s keeps up (CometD on Jetty, outside run: 10.1 rounds/s, p99 0.73 s)",
          String.format(Locale.ROOT, "%.2f rounds/s, p99 %s ms", rounds, ms(num(d, "p99Ms"))), "≥ 9.8 rounds/s",
          rounds >= 9.8, String.format(Locale.ROOT, "by %.2f rounds/s", 9.8 - rounds));
    });
    for (String server : List.of("duplex", "ceiling")) {
      List<JsonObject> w2 = all(r -> isW2(r, server, null));
      if (w2.isEmpty()) {
        continue;
      }
      StringBuilder perMode = new StringBuilder();
      long bad = 0;
      long runs = 0;
      for (String mode : w2.stream().map(r -> r.get("mode").getAsString()).distinct().toList()) {
        long modeBad = w2.stream().filter(r -> mode.equals(r.get("mode").getAsString()))
            .mapToLong(r -> (long) (num(r, "lost") + num(r, "duplicated") + num(r, "outOfOrder"))).sum();
        perMode.append(perMode.length() == 0 ? "" : ", ").append(mode).append(' ').append(modeBad);
        bad += modeBad;
      }
      runs = w2.stream().filter(r -> num(r, "lost") + num(r, "duplicated") + num(r, "outOfOrder") > 0).count();
      targetRow(md, "W2 " + server + ", every mode and N: lost + duplicated + out-of-order",
          bad + " (" + perMode + ")", "0", bad == 0, "in " + runs + " of " + w2.size() + " runs");
    }
    for (JsonObject d : all(r -> is(r, "W3d", "duplex"))) {
      String container = d.get("container").getAsString();
      String mode = d.get("mode").getAsString();
      Optional<JsonObject> servlet = find(r -> is(r, "W3d", "ceiling") && container.equals(r.get("container").getAsString())
          && "longpoll".equals(r.get("mode").getAsString()) && num(r, "pages") == num(d, "pages"));
      Optional<JsonObject> socket = find(r -> is(r, "W3d", "ceiling") && container.equals(r.get("container").getAsString())
          && "websocket".equals(r.get("mode").getAsString()) && num(r, "pages") == num(d, "pages"));
      servlet.ifPresent(c -> heapTarget(md, d, c, "plain servlet (long poll)", 1.5));
      if ("websocket".equals(mode)) {
        socket.ifPresent(c -> heapTarget(md, d, c, "plain WebSocket endpoint", 1.25));
      }
    }
    List<JsonObject> w3 = all(r -> is(r, "W3", "duplex"));
    for (JsonObject d : w3) {
      find(r -> is(r, "W3", "ceiling") && num(r, "pages") == num(d, "pages")).ifPresent(c -> {
        double ratio = num(d, "heapBytesPerPage") / num(c, "heapBytesPerPage");
        targetRow(md, "W3 N=" + (long) num(d, "pages") + ": heap per idle page vs ceiling",
            String.format(Locale.ROOT, "%.2f× (%s vs %s)", ratio, bytes(num(d, "heapBytesPerPage")), bytes(num(c, "heapBytesPerPage"))),
            "≤ 1.25×", ratio <= 1.25, String.format(Locale.ROOT, "by %.2f×", ratio - 1.25));
      });
    }
    if (w3.size() >= 2) {
      JsonObject first = w3.get(0);
      JsonObject last = w3.get(w3.size() - 1);
      double grew = num(last, "threadsOutsidePool") - num(first, "threadsOutsidePool");
      targetRow(md, "W3: server threads as N grows (Jetty's pool aside)",
          String.format(Locale.ROOT, "N=%d: %d; N=%d: %d (all threads %d → %d)", (long) num(first, "pages"),
              (long) num(first, "threadsOutsidePool"), (long) num(last, "pages"), (long) num(last, "threadsOutsidePool"),
              (long) num(first, "threads"), (long) num(last, "threads")),
          "no growth with N", grew <= 0, "grew by " + (long) grew);
    }
    Optional<Orchestrator.JmhResult> broadcast = jmh.stream()
        .filter(r -> r.benchmark().endsWith("broadcastOneMessage") && r.params().contains("sessions=10000")).findFirst();
    Optional<Orchestrator.JmhResult> convert = jmh.stream()
        .filter(r -> r.benchmark().endsWith("writeMessageArgument")).findFirst();
    if (broadcast.isPresent() && convert.isPresent()) {
      double perPageNanos = toNanos(broadcast.get()) / 10_000;
      double conversionNanos = toNanos(convert.get());
      targetRow(md, "broadcast to 10 000 sessions (JMH): publishing-thread cost per page vs converting the argument once",
          String.format(Locale.ROOT, "%.0f ns per page vs %.0f ns per conversion", perPageNanos, conversionNanos),
          "per-page cost well below one conversion (queueing only)", perPageNanos < conversionNanos / 4,
          "the per-page cost is close to a conversion: arguments may be converted per page");
    }
    List<JsonObject> perPage = all(r -> isW2(r, "duplex", "stream") && num(r, "rate") == 10);
    if (perPage.size() >= 2) {
      StringBuilder s = new StringBuilder();
      for (JsonObject r : perPage) {
        s.append(s.length() == 0 ? "" : "; ").append("N=").append((long) num(r, "pages")).append(": ")
            .append(String.format(Locale.ROOT, "%.3f µs/page", num(r, "publishCpuMicrosPerRound") / num(r, "pages")));
      }
      md.append("| broadcast cost in the publishing thread (CPU per round per page, streaming, R=10/s) | ")
          .append(s).append(" | flat in N (queueing only; see JMH) | see figures |\n");
    }
    w4Targets(md);
    md.append('\n');
  }

  /** Calls per second of server CPU: the server's efficiency whether or not the client kept up. */
  /** W4 under each attack against W4 without attack, from the same run and server. */
  private void w4Targets(StringBuilder md) {
    Optional<JsonObject> base = find(r -> isW4(r, "none"));
    if (base.isEmpty()) {
      return;
    }
    double calm = num(base.get(), "callsPerSec");
    for (String attack : List.of("handshake-flood", "slow-bodies")) {
      find(r -> isW4(r, attack)).ifPresent(r -> {
        double ratio = num(r, "callsPerSec") / calm;
        double p99 = num(r, "p99Ms");
        targetRow(md, "W4 " + attack + ": legitimate calls/s vs no attack",
            pct(ratio) + " (" + count(num(r, "callsPerSec")) + " vs " + count(calm) + ")", "≥ 50%", ratio >= 0.5,
            "by " + pct(0.5 - ratio) + " of the calm rate");
        targetRow(md, "W4 " + attack + ": legitimate p99", ms(p99) + " ms", "< 100 ms", p99 >= 0 && p99 < 100,
            p99 < 0 ? "(no call answered)" : "by " + ms(p99 - 100) + " ms");
      });
    }
    find(r -> "W4-server".equals(r.get("workload").getAsString())).ifPresent(r -> {
      boolean oom = r.get("outOfMemory").getAsBoolean();
      boolean alive = r.get("aliveAtEnd").getAsBoolean();
      targetRow(md, "W4: server with -Xmx" + r.get("maxHeap").getAsString() + " survives",
          (oom ? "OutOfMemoryError logged" : "no OutOfMemoryError") + ", " + (alive ? "alive" : "gone") + " at end",
          "no OutOfMemoryError, alive", !oom && alive, "");
    });
  }

  private static boolean isW4(JsonObject r, String attack) {
    return "W4".equals(r.get("workload").getAsString()) && r.has("attack") && attack.equals(r.get("attack").getAsString());
  }

  private void w4(StringBuilder md) {
    List<JsonObject> rows = all(r -> "W4".equals(r.get("workload").getAsString()));
    if (rows.isEmpty()) {
      return;
    }
    double calm = find(r -> isW4(r, "none")).map(r -> num(r, "callsPerSec")).orElse(Double.NaN);
    md.append("## W4: legitimate load under attack\n\n")
        .append("Duplex only, with its default limits, its server JVM at -Xmx512m. C = 16 legitimate pages run W1 (one `Bench.echo` per request, ")
        .append("closed loop) three times on the same server: without attack; while another client floods ")
        .append("`POST /session` at full speed on 8 keep-alive connections, without cookies (every handshake may ")
        .append("open an HTTP session too); and while it holds 500 `POST /call` requests that declare a 4 KB body, send ")
        .append("its first bytes and then one byte per second. Heap peaks are the server's high-water marks over the ")
        .append("phase (sampled every 20 ms): used (garbage included) and after the most recent GC.\n\n")
        .append("| attack | legit calls/s | vs no attack | p50 / p99 / max ms | errors | attack figures | heap peak used / after GC |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (JsonObject r : rows) {
      String attack = r.get("attack").getAsString();
      String figures = switch (attack) {
        case "handshake-flood" -> count(num(r, "attackPerSec")) + " handshakes/s answered ("
            + count(num(r, "attackAccepted")) + " accepted, " + count(num(r, "attackRefused")) + " refused, "
            + count(num(r, "attackFailures")) + " connection failures)";
        case "slow-bodies" -> (long) num(r, "slowBodies") + " held, " + (long) num(r, "slowBodiesOpenAtEnd")
            + " still open at the end";
        default -> "";
      };
      md.append("| ").append(attack).append(" | ").append(count(num(r, "callsPerSec")))
          .append(" | ").append(attack.equals("none") ? "" : pct(num(r, "callsPerSec") / calm))
          .append(" | ").append(latency(r)).append(" | ").append(errors(r))
          .append(" | ").append(figures)
          .append(" | ").append(mib(num(r, "heapPeakBytes"))).append(" / ").append(mib(num(r, "heapAfterGcPeakBytes")))
          .append(" |\n");
    }
    find(r -> "W4-server".equals(r.get("workload").getAsString())).ifPresent(r -> md.append("\nServer: ")
        .append(r.get("outOfMemory").getAsBoolean() ? "**OutOfMemoryError logged**" : "no OutOfMemoryError")
        .append(r.get("aliveAtEnd").getAsBoolean() ? ", alive at the end" : ", **not alive at the end**").append(".\n"));
    md.append('\n');
  }

  private static double perServerCore(JsonObject r) {
    return num(r, "callsPerSec") / num(r, "serverCores");
  }

  private static double toNanos(Orchestrator.JmhResult r) {
    return switch (r.unit()) {
      case "us/op" -> r.score() * 1_000;
      case "ms/op" -> r.score() * 1_000_000;
      case "s/op" -> r.score() * 1e9;
      default -> r.score();
    };
  }

  private static void targetRow(StringBuilder md, String what, String measured, String needed, boolean met, String miss) {
    md.append("| ").append(what).append(" | ").append(measured).append(" | ").append(needed).append(" | ")
        .append(met ? "met" : "**missed** " + miss).append(" |\n");
  }

  private void w1(StringBuilder md) {
    List<JsonObject[]> rows = pairs(r -> r.get("workload").getAsString().startsWith("W1"),
        List.of("workload", "concurrency", "batch"));
    if (rows.isEmpty()) {
      return;
    }
    md.append("## W1 / W1b: forward calls, closed loop\n\n")
        .append("C pages, each sending one `/call` request (W1: one `Bench.echo(\"hello\")`; W1b: ten) and the next as ")
        .append("soon as the answer is in. Latency is per HTTP request, measured by the client. `cores` is CPU time used ")
        .append("per second of the measured window by the server JVM (its one pinned core) and by the client JVM; ")
        .append("calls per server CPU-second is the server's efficiency whether or not the client kept up.\n\n")
        .append("| workload | C | Duplex calls/s | ceiling calls/s | ratio | calls per server CPU-s D / C | Duplex p50 / p99 / max ms | ceiling p50 / p99 / max ms | server cores D / C | client cores D / C | errors D / C |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (JsonObject[] row : rows) {
      JsonObject d = row[0];
      JsonObject c = row[1];
      JsonObject any = d != null ? d : c;
      md.append("| ").append(any.get("workload").getAsString()).append(" | ").append((long) num(any, "concurrency"))
          .append(" | ").append(cell(d, r -> count(num(r, "callsPerSec"))))
          .append(" | ").append(cell(c, r -> count(num(r, "callsPerSec"))))
          .append(" | ").append(ratio(d, c, "callsPerSec"))
          .append(" | ").append(cell(d, r -> count(perServerCore(r)))).append(" / ").append(cell(c, r -> count(perServerCore(r))))
          .append(" | ").append(cell(d, Report::latency)).append(" | ").append(cell(c, Report::latency))
          .append(" | ").append(pair(d, c, "serverCores")).append(" | ").append(pair(d, c, "clientCores"))
          .append(" | ").append(cell(d, Report::errors)).append(" / ").append(cell(c, Report::errors)).append(" |\n");
    }
    md.append('\n');
  }

  /** W1 over WebSocket (the ws command): Duplex's socket, the plain socket ceiling, the HTTP ceiling. */
  private void ws(StringBuilder md) {
    List<JsonObject> rows = all(r -> "WS1".equals(r.get("workload").getAsString()));
    if (rows.isEmpty()) {
      return;
    }
    Optional<JsonObject> http = find(r -> is(r, "W1", "ceiling") && num(r, "concurrency") == 16 && num(r, "batch") == 1);
    http.ifPresent(rows::add);
    md.append("## WS1: W1 over a WebSocket\n\n")
        .append("C = 16 pages, one `Bench.echo(\"hello\")` per call frame, closed loop, each page on its own socket ")
        .append("(protocol 4.6; the client is the bench's own NIO WebSocket client, one selector thread). `duplex`: handshake over HTTP, `open` ")
        .append("frame, then call frames to `{base}/ws` in `reverseAjax=websocket`. `ceiling-socket`: a plain Jakarta ")
        .append("WebSocket endpoint on the same Jetty (Gson parse, echo as a results line, no session or CSRF check). ")
        .append("`ceiling` W1: the HTTP servlet ceiling, `/call` requests, its own server JVM. Latency per frame (per ")
        .append("request for HTTP).\n\n")
        .append("| workload | server | C | calls/s | calls per server CPU-s | p50 / p99 / max ms | server cores | client cores | errors |\n")
        .append("|---|---|---|---|---|---|---|---|---|\n");
    for (JsonObject r : rows) {
      md.append("| ").append(r.get("workload").getAsString()).append(" | ").append(r.get("server").getAsString())
          .append(" | ").append((long) num(r, "concurrency")).append(" | ").append(count(num(r, "callsPerSec")))
          .append(" | ").append(count(perServerCore(r))).append(" | ").append(latency(r))
          .append(" | ").append(num(r, "serverCores")).append(" | ").append(num(r, "clientCores"))
          .append(" | ").append(errors(r)).append(" |\n");
    }
    Optional<JsonObject> socket = find(r -> is(r, "WS1", "duplex"));
    if (socket.isPresent() && http.isPresent()) {
      double times = num(socket.get(), "callsPerSec") / num(http.get(), "callsPerSec");
      md.append(String.format("%nTarget (issue 10): Duplex W1 C = 16 over the socket at least 2x the HTTP servlet ceiling's calls/s: "
          + "%.2fx, %s.%n", times, times >= 2 ? "met" : "missed by " + Math.round((2 - times) / 2 * 100) + "%"));
    }
    md.append('\n');
  }

  private void w2(StringBuilder md) {
    List<JsonObject[]> rows = pairs(r -> "W2".equals(r.get("workload").getAsString()), List.of("mode", "pages", "rate"));
    if (rows.isEmpty()) {
      return;
    }
    md.append("## W2: broadcast fan-out\n\n")
        .append("N pages on `/bench.html`, each held open by the delivery mode; the server calls ")
        .append("`addMessage({seq, sentNanos, text})` on all of them through a typed proxy targeted by page URL ")
        .append("(the ceiling: one shared log, written to every parked request) at R rounds/s, or as fast as it can ")
        .append("(websocket: Duplex in `reverseAjax=websocket` against a plain Jakarta WebSocket endpoint on the same ")
        .append("container that writes each round to every socket with coalesced async sends) ")
        .append("with at most 8 rounds not yet delivered everywhere (R = max). Latency is receipt minus the server's ")
        .append("`System.nanoTime()` stamp. Lost / duplicated / out-of-order are counted per page by the message's own ")
        .append("seq and summed over pages. `publish µs/round` is the publishing thread's CPU time per broadcast.\n\n")
        .append("| mode | N | R | Duplex msg/s | ceiling msg/s | ratio | Duplex p50 / p99 / max ms | ceiling p50 / p99 / max ms | Duplex lost / dup / ooo | ceiling lost / dup / ooo | publish µs/round D / C | server cores D / C | client cores D / C | errors D / C |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (JsonObject[] row : rows) {
      JsonObject d = row[0];
      JsonObject c = row[1];
      JsonObject any = d != null ? d : c;
      md.append("| ").append(ServerMode.parse(any.get("mode").getAsString()).label()).append(" | ").append((long) num(any, "pages"))
          .append(" | ").append(num(any, "rate") == 0 ? "max" : Long.toString((long) num(any, "rate")))
          .append(" | ").append(cell(d, r -> count(num(r, "messagesPerSec"))))
          .append(" | ").append(cell(c, r -> count(num(r, "messagesPerSec"))))
          .append(" | ").append(ratio(d, c, "messagesPerSec"))
          .append(" | ").append(cell(d, Report::latency)).append(" | ").append(cell(c, Report::latency))
          .append(" | ").append(cell(d, Report::integrity)).append(" | ").append(cell(c, Report::integrity))
          .append(" | ").append(cell(d, r -> String.format(Locale.ROOT, "%.0f", num(r, "publishCpuMicrosPerRound"))))
          .append(" / ").append(cell(c, r -> String.format(Locale.ROOT, "%.0f", num(r, "publishCpuMicrosPerRound"))))
          .append(" | ").append(pair(d, c, "serverCores")).append(" | ").append(pair(d, c, "clientCores"))
          .append(" | ").append(cell(d, Report::errors)).append(" / ").append(cell(c, Report::errors)).append(" |\n");
    }
    md.append('\n');
  }

  /** W2 through a topic, next to W2's page broadcast of the same mode, N and R in this run. */
  private void w2Topic(StringBuilder md) {
    List<JsonObject> topic = all(r -> is(r, "W2-topic", "duplex"));
    if (topic.isEmpty()) {
      return;
    }
    md.append("## W2 through a topic\n\n")
        .append("W2's pages subscribe to the topic `bench` (`duplex.subscribe`) and the server publishes each round ")
        .append("there (`duplex.topic(\"bench\").publish(message)`) instead of calling `addMessage` on the page URL. ")
        .append("Next to it, W2's page broadcast of the same mode, N and R in this run.\n\n")
        .append("| mode | N | R | topic msg/s | page msg/s | topic p50 / p99 / max ms | page p50 / p99 / max ms | topic lost / dup / ooo | publish µs/round topic / page |\n")
        .append("|---|---|---|---|---|---|---|---|---|\n");
    for (JsonObject t : topic) {
      Optional<JsonObject> page = find(r -> isW2(r, "duplex", t.get("mode").getAsString())
          && num(r, "pages") == num(t, "pages") && num(r, "rate") == num(t, "rate"));
      JsonObject d = page.orElse(null);
      md.append("| ").append(ServerMode.parse(t.get("mode").getAsString()).label()).append(" | ").append((long) num(t, "pages"))
          .append(" | ").append(num(t, "rate") == 0 ? "max" : Long.toString((long) num(t, "rate")))
          .append(" | ").append(count(num(t, "messagesPerSec")))
          .append(" | ").append(cell(d, r -> count(num(r, "messagesPerSec"))))
          .append(" | ").append(latency(t)).append(" | ").append(cell(d, Report::latency))
          .append(" | ").append(integrity(t))
          .append(" | ").append(String.format(Locale.ROOT, "%.0f", num(t, "publishCpuMicrosPerRound")))
          .append(" / ").append(cell(d, r -> String.format(Locale.ROOT, "%.0f", num(r, "publishCpuMicrosPerRound"))))
          .append(" |\n");
    }
    md.append('\n');
  }

  private void w3(StringBuilder md) {
    List<JsonObject[]> rows = pairs(r -> "W3".equals(r.get("workload").getAsString()), List.of("pages"));
    if (rows.isEmpty()) {
      return;
    }
    md.append("## W3: idle cost\n\n")
        .append("N idle pages, each holding a comet stream. Heap is measured after full GCs and compared with the same ")
        .append("server before its first page; threads and RSS are the server JVM's, read after the connection burst's ")
        .append("threads have idled out.\n\n")
        .append("Threads are shown as all threads / threads outside Jetty's request pool (the pool, the same on both servers, ")
        .append("grows for bursts of requests and shrinks slowly, whatever N is).\n\n")
        .append("| N | Duplex heap/page | ceiling heap/page | ratio | Duplex threads (fresh → N) | ceiling threads (fresh → N) | Duplex RSS | ceiling RSS |\n")
        .append("|---|---|---|---|---|---|---|---|\n");
    for (JsonObject[] row : rows) {
      JsonObject d = row[0];
      JsonObject c = row[1];
      JsonObject any = d != null ? d : c;
      md.append("| ").append((long) num(any, "pages"))
          .append(" | ").append(cell(d, r -> bytes(num(r, "heapBytesPerPage"))))
          .append(" | ").append(cell(c, r -> bytes(num(r, "heapBytesPerPage"))))
          .append(" | ").append(ratio(d, c, "heapBytesPerPage"))
          .append(" | ").append(cell(d, Report::threads))
          .append(" | ").append(cell(c, Report::threads))
          .append(" | ").append(cell(d, r -> mib(num(r, "rssBytes"))))
          .append(" | ").append(cell(c, r -> mib(num(r, "rssBytes")))).append(" |\n");
    }
    md.append('\n');
  }

  private static void heapTarget(StringBuilder md, JsonObject d, JsonObject c, String against, double limit) {
    double ratio = num(d, "heapBytesPerPage") / num(c, "heapBytesPerPage");
    targetRow(md, String.format(Locale.ROOT, "W3 %s, N=%d, Duplex %s: heap per idle page vs %s",
            d.get("container").getAsString(), (long) num(d, "pages"), d.get("mode").getAsString(), against),
        String.format(Locale.ROOT, "%.2f× (%s vs %s)", ratio, bytes(num(d, "heapBytesPerPage")), bytes(num(c, "heapBytesPerPage"))),
        String.format(Locale.ROOT, "≤ %.2f×", limit), ratio <= limit, String.format(Locale.ROOT, "by %.2f×", ratio - limit));
  }

  /** W3 on default containers: every idle page kind on each container, against the plain servlet's. */
  private void w3Default(StringBuilder md) {
    List<JsonObject> rows = all(r -> "W3d".equals(r.get("workload").getAsString()));
    if (rows.isEmpty()) {
      return;
    }
    md.append("## W3 on default containers\n\n")
        .append("N idle pages against a fresh server per row, on Jetty with every HTTP setting at its default ")
        .append("(`jetty-default`) and on Tomcat's default connector (`tomcat`): the plain servlet (the ceiling's ")
        .append("long poll), the plain Jakarta WebSocket endpoint, and Duplex in each held mode. Heap after full GCs ")
        .append("per page; the ratio is to the plain servlet's on the same container.\n\n")
        .append("| container | server | mode | N | heap/page | vs plain servlet | threads (fresh → N) | RSS | errors |\n")
        .append("|---|---|---|---|---|---|---|---|---|\n");
    for (JsonObject r : rows) {
      String container = r.get("container").getAsString();
      Optional<JsonObject> servlet = find(c -> is(c, "W3d", "ceiling") && container.equals(c.get("container").getAsString())
          && "longpoll".equals(c.get("mode").getAsString()) && num(c, "pages") == num(r, "pages"));
      md.append("| ").append(container).append(" | ").append(r.get("server").getAsString())
          .append(" | ").append(r.get("mode").getAsString()).append(" | ").append((long) num(r, "pages"))
          .append(" | ").append(bytes(num(r, "heapBytesPerPage")))
          .append(" | ").append(servlet.map(c -> String.format(Locale.ROOT, "%.2f",
              num(r, "heapBytesPerPage") / num(c, "heapBytesPerPage"))).orElse("–"))
          .append(" | ").append(threads(r)).append(" | ").append(mib(num(r, "rssBytes")))
          .append(" | ").append(errors(r)).append(" |\n");
    }
    md.append('\n');
  }

  private static String threads(JsonObject r) {
    return (long) num(r, "threadsFresh") + " / " + (long) num(r, "threadsOutsidePoolFresh") + " → "
        + (long) num(r, "threads") + " / " + (long) num(r, "threadsOutsidePool");
  }

  private static String cell(JsonObject r, java.util.function.Function<JsonObject, String> format) {
    return r == null ? "–" : format.apply(r);
  }

  private static String ratio(JsonObject d, JsonObject c, String key) {
    return d == null || c == null ? "–" : ratio(num(d, key), num(c, key));
  }

  /** Windows during which something besides the two JVMs kept a core busy. */
  private void quality(StringBuilder md) {
    List<JsonObject> disturbed = all(r -> r.has("otherCores") && num(r, "otherCores") > 0.2);
    double worst = results.stream().filter(r -> r.has("otherCores")).mapToDouble(r -> num(r, "otherCores")).max().orElse(0);
    md.append("## Measurement quality\n\n")
        .append(String.format(Locale.ROOT, "CPU busy outside the two bench JVMs during measured windows (other processes, and "
            + "kernel work such as loopback packet handling that is charged to neither): at most %.2f cores. ", worst));
    if (disturbed.isEmpty()) {
      md.append("No window above 0.2 cores.\n\n");
    } else {
      md.append("Windows above 0.2 cores (their figures are suspect):\n\n");
      for (JsonObject r : disturbed) {
        md.append("- ").append(r.get("workload").getAsString()).append(' ').append(r.get("server").getAsString());
        for (String key : List.of("mode", "concurrency", "batch", "pages", "rate")) {
          if (r.has(key)) {
            md.append(' ').append(key).append('=').append(r.get(key).getAsString());
          }
        }
        md.append(String.format(Locale.ROOT, ": %.2f cores\n", num(r, "otherCores")));
      }
      md.append('\n');
    }
  }

  private void jmh(StringBuilder md) {
    if (jmh.isEmpty()) {
      return;
    }
    md.append("## JMH microbenchmarks (hot paths, one fork, pinned to CPU 0)\n\n")
        .append("| benchmark | parameters | mode | score | error (99.9%) | unit |\n|---|---|---|---|---|---|\n");
    for (Orchestrator.JmhResult r : jmh) {
      md.append("| ").append(r.benchmark()).append(" | ").append(r.params()).append(" | ").append(r.mode())
          .append(" | ").append(String.format(Locale.ROOT, "%.3f", r.score()))
          .append(" | ").append(Double.isNaN(r.error()) ? "–" : String.format(Locale.ROOT, "± %.3f", r.error()))
          .append(" | ").append(r.unit()).append(" |\n");
    }
    md.append('\n');
  }

  /**
   * Rows of Duplex results with their ceiling counterparts (same {@code keys}); ceiling results
   * without a Duplex one (a ceiling-only run) get rows of their own with no Duplex side.
   */
  private List<JsonObject[]> pairs(Predicate<JsonObject> workload, List<String> keys) {
    List<JsonObject[]> rows = new ArrayList<>();
    List<JsonObject> ceiling = all(r -> workload.test(r) && "ceiling".equals(r.get("server").getAsString()));
    List<JsonObject> used = new ArrayList<>();
    for (JsonObject d : all(r -> workload.test(r) && "duplex".equals(r.get("server").getAsString()))) {
      JsonObject c = ceiling.stream().filter(r -> sameKeys(r, d, keys)).findFirst().orElse(null);
      if (c != null) {
        used.add(c);
      }
      rows.add(new JsonObject[] {d, c});
    }
    ceiling.stream().filter(c -> !used.contains(c)).forEach(c -> rows.add(new JsonObject[] {null, c}));
    return rows;
  }

  private static boolean sameKeys(JsonObject a, JsonObject b, List<String> keys) {
    for (String key : keys) {
      if (!String.valueOf(a.get(key)).equals(String.valueOf(b.get(key)))) {
        return false;
      }
    }
    return true;
  }

  private Optional<JsonObject> find(Predicate<JsonObject> p) {
    return results.stream().filter(p).findFirst();
  }

  private List<JsonObject> all(Predicate<JsonObject> p) {
    List<JsonObject> list = new ArrayList<>();
    results.stream().filter(p).forEach(list::add);
    return list;
  }

  private static boolean is(JsonObject r, String workload, String server) {
    return workload.equals(r.get("workload").getAsString()) && server.equals(r.get("server").getAsString());
  }

  private static boolean isW2(JsonObject r, String server, String mode) {
    return is(r, "W2", server) && (mode == null || mode.equals(r.get("mode").getAsString()));
  }

  static double num(JsonObject r, String key) {
    return r.has(key) ? r.get(key).getAsDouble() : Double.NaN;
  }

  private static String latency(JsonObject r) {
    return ms(num(r, "p50Ms")) + " / " + ms(num(r, "p99Ms")) + " / " + ms(num(r, "maxMs"));
  }

  private static String integrity(JsonObject r) {
    return (long) num(r, "lost") + " / " + (long) num(r, "duplicated") + " / " + (long) num(r, "outOfOrder");
  }

  private static String errors(JsonObject r) {
    long errors = (long) num(r, "errors") + (r.has("badResults") ? (long) num(r, "badResults") : 0);
    return Long.toString(errors);
  }

  private static String pair(JsonObject d, JsonObject c, String key) {
    return cell(d, r -> String.format(Locale.ROOT, "%.2f", num(r, key))) + " / "
        + cell(c, r -> String.format(Locale.ROOT, "%.2f", num(r, key)));
  }

  private static String ms(double v) {
    if (Double.isNaN(v) || v < 0) {
      return "–";
    }
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
        : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String count(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", v * 100);
  }

  private static String ratio(double a, double b) {
    return b == 0 || Double.isNaN(a) || Double.isNaN(b) ? "–" : String.format(Locale.ROOT, "%.2f", a / b);
  }

  private static String bytes(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%,.0f B", v);
  }

  private static String mib(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.0f MiB", v / 1048576);
  }
}

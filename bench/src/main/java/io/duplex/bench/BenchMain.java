package io.duplex.bench;

import io.duplex.bench.client.ClientMain;
import io.duplex.bench.run.Orchestrator;
import io.duplex.bench.run.W5Run;
import io.duplex.bench.server.ServerMain;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code java -jar duplex-bench.jar <command> [--name=value...]}:
 *
 * <ul>
 *   <li>{@code all [--quick] [--only=w1,w2,w3,w3d,w4,ws,jmh] [--out=bench/RESULTS.md]}: every workload, server
 *       and client in separate pinned JVMs, then the report (see bench/README.md)
 *   <li>{@code w4 [--quick] [--out=bench/target/W4.md]}: W4 alone (legitimate load under attack,
 *       about a minute); writes its own report so RESULTS.md keeps the full run's figures
 *   <li>{@code ws [--quick] [--out=bench/target/WS.md]}: the websocket figures (issue 10): W1 at C = 16
 *       over Duplex's WebSocket, a plain socket ceiling and the HTTP servlet ceiling; W2 over both
 *       sockets; W3 on default Jetty and Tomcat (about twelve minutes), written to its own report
 *   <li>{@code w5 [--quick] [--pages=2000] [--shared] [--out=bench/target/W5.md]}: W5, two nodes on a
 *       Redis backplane against one node alone (about two minutes; starts its own redis-server;
 *       {@code --shared}: the one node and its client unpinned, sharing both cores as the two nodes do)
 *   <li>{@code server --kind=duplex|ceiling --mode=stream|longpoll|poll}: one bench server
 *   <li>{@code client --port=P --base=/duplex --workload=w1|w2|w3 ...}: one load client run
 *   <li>{@code jmh [JMH options]}: the microbenchmarks (JMH's own command line)
 * </ul>
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: java -jar duplex-bench.jar all|w4|ws|w5|server|client|jmh [--name=value...]");
      System.exit(2);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "all" -> System.exit(new Orchestrator(options(rest)).runAll());
      case "w4" -> System.exit(new Orchestrator(w4Options(options(rest))).runAll());
      case "ws" -> System.exit(new Orchestrator(wsOptions(options(rest))).runAll());
      case "w5" -> System.exit(new W5Run(options(rest)).run());
      case "server" -> ServerMain.main(options(rest));
      case "client" -> ClientMain.main(options(rest));
      case "jmh" -> org.openjdk.jmh.Main.main(rest);
      default -> {
        System.err.println("unknown command " + args[0]);
        System.exit(2);
      }
    }
  }

  private static Map<String, String> wsOptions(Map<String, String> options) {
    Map<String, String> ws = new LinkedHashMap<>(options);
    ws.put("only", "ws,w2ws,w3d");
    ws.put("command", "ws");
    ws.putIfAbsent("out", java.nio.file.Files.isDirectory(java.nio.file.Path.of("bench", "src"))
        ? "bench/target/WS.md" : "target/WS.md");
    ws.putIfAbsent("quietWait", "20");
    return ws;
  }

  private static Map<String, String> w4Options(Map<String, String> options) {
    Map<String, String> w4 = new LinkedHashMap<>(options);
    w4.put("only", "w4");
    w4.put("command", "w4");
    w4.put("servers", "duplex");
    w4.putIfAbsent("out", java.nio.file.Files.isDirectory(java.nio.file.Path.of("bench", "src"))
        ? "bench/target/W4.md" : "target/W4.md");
    w4.putIfAbsent("quietWait", "20");
    return w4;
  }

  /** {@code --name=value} and bare {@code --flag} (value "true"). */
  public static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("expected --name=value, got " + arg);
      }
      int eq = arg.indexOf('=');
      if (eq < 0) {
        options.put(arg.substring(2), "true");
      } else {
        options.put(arg.substring(2, eq), arg.substring(eq + 1));
      }
    }
    return options;
  }
}

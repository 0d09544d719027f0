package io.duplex.bench.client;

import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.Map;
import org.eclipse.jetty.http.HttpMethod;

/**
 * A load client process: {@code client --port=P --base=/duplex --server=duplex --workload=w1|w2|w3
 * [workload options]}. Prints one {@code RESULT {json}} line per configuration and exits; a
 * watchdog ends it after {@code --maxSeconds} whatever happens.
 *
 * <ul>
 *   <li>w1: {@code --concurrency=1,16,64 --batch=1 --warm=3 --measure=10 [--label=W1] [--jvmWarm=10]}
 *   <li>w2: {@code --mode=stream|longpoll|poll|websocket --pages=100,1000,5000 --rates=1,10,0 --warm=2 --measure=4 --window=8}
 *       (websocket against the ceiling server: its plain socket endpoint; {@code --socketPath} to change)
 *   <li>w3: {@code --pages=1000,5000,10000 [--mode=websocket] [--label=W3d --container=tomcat] [--holdAfter=SECONDS]}
 *   <li>ws: W1 over a WebSocket: {@code --concurrency=16 --jvmWarm=10 [--socketPath=/ceiling/ws --handshake=false]}
 *   <li>w5: {@code --ports=A,B --redisPid=PID --pages=2000 --warm=2 --measure=10 --outage=5} (see W5Workload)
 *   <li>w4: {@code --concurrency=16 --jvmWarm=5 --warm=2 --measure=8 --floodConnections=8 --slowBodies=500}
 * </ul>
 */
public final class ClientMain {
  private ClientMain() {}

  public static void main(Map<String, String> options) throws Exception {
    long maxSeconds = Long.parseLong(options.getOrDefault("maxSeconds", "600"));
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(maxSeconds * 1000);
        System.err.println("client: time limit of " + maxSeconds + " s reached, exiting");
        System.exit(3);
      } catch (InterruptedException e) {
        // finished in time
      }
    }, "bench-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();

    String host = options.getOrDefault("host", "127.0.0.1");
    int port = Integer.parseInt(required(options, "port"));
    String base = options.getOrDefault("base", "/duplex");
    String server = options.getOrDefault("server", base.substring(1));
    String workload = required(options, "workload");
    double warm = Double.parseDouble(options.getOrDefault("warm", "3"));
    double measure = Double.parseDouble(options.getOrDefault("measure", "10"));

    int connectionsPerPage = workload.equals("w3") ? 1 : BenchHttp.CONNECTIONS_PER_PAGE;
    try (BenchHttp http = new BenchHttp(host, port, connectionsPerPage)) {
      ServerProbe probe = new ServerProbe(http);
      switch (workload) {
        case "w1" -> {
          try (Engine engine = new Engine(http, base, MessageSink.NONE)) {
            CallWorkload calls = new CallWorkload(engine, probe, server);
            int batch = Integer.parseInt(options.getOrDefault("batch", "1"));
            String label = options.getOrDefault("label", batch == 1 ? "W1" : "W1b");
            double jvmWarm = Double.parseDouble(options.getOrDefault("jvmWarm", "0"));
            if (jvmWarm > 0) {
              // Unmeasured: the server JVM compiles its hot paths (on its one core) before any figure.
              calls.run("warm-up", 16, batch, jvmWarm, 0.5);
            }
            for (int c : ints(options.getOrDefault("concurrency", "1,16,64"))) {
              Results.emit(calls.run(label, c, batch, warm, measure));
            }
          }
        }
        case "w2" -> {
          String mode = options.getOrDefault("mode", "stream");
          int window = Integer.parseInt(options.getOrDefault("window", "8"));
          String socketPath = mode.equals("websocket") ? socketPath(options, server, base) : null;
          boolean viaTopic = "topic".equals(options.getOrDefault("via", "page"));
          BroadcastWorkload broadcast = new BroadcastWorkload(http, host, port, base, probe, server, mode,
              socketPath, socketPath != null && !server.startsWith("ceiling"), viaTopic);
          try {
            for (int n : ints(options.getOrDefault("pages", "100,1000,5000"))) {
              broadcast.growTo(n);
              for (String rate : options.getOrDefault("rates", "1,10,0").split(",")) {
                Results.emit(broadcast.run(Double.parseDouble(rate), warm, measure, window));
              }
            }
          } finally {
            broadcast.close();
          }
        }
        case "w3" -> {
          try (Engine engine = new Engine(http, base, MessageSink.NONE)) {
            boolean socket = options.getOrDefault("mode", "").equals("websocket");
            IdleWorkload idle = new IdleWorkload(engine, probe, server, socket
                ? new SocketEngine(engine, MessageSink.NONE, host, port, socketPath(options, server, base),
                    !server.startsWith("ceiling"))
                : null,
                options.getOrDefault("label", "W3"), options.getOrDefault("container", "jetty"));
            for (int n : ints(options.getOrDefault("pages", "1000,5000,10000"))) {
              Results.emit(idle.run(n));
            }
            // Keeps the pages open a while longer, e.g. for a heap histogram of the server.
            long holdAfter = Long.parseLong(options.getOrDefault("holdAfter", "0"));
            if (holdAfter > 0) {
              System.out.println("HOLDING " + holdAfter);
              System.out.flush();
              Thread.sleep(holdAfter * 1000);
            }
          }
        }
        case "w4" -> {
          try (Engine engine = new Engine(http, base, MessageSink.NONE)) {
            CallWorkload calls = new CallWorkload(engine, probe, server);
            new AttackWorkload(calls, probe, host, port, base).run(
                Integer.parseInt(options.getOrDefault("concurrency", "16")),
                Double.parseDouble(options.getOrDefault("jvmWarm", "5")),
                warm,
                measure,
                Integer.parseInt(options.getOrDefault("floodConnections", "8")),
                Integer.parseInt(options.getOrDefault("slowBodies", "500")));
          }
        }
        case "ws" -> {
          try (Engine engine = new Engine(http, base, MessageSink.NONE)) {
            String socketPath = options.getOrDefault("socketPath", base + "/ws");
            SocketWorkload socket = new SocketWorkload(engine, probe, server, host, port, socketPath,
                Boolean.parseBoolean(options.getOrDefault("handshake", "true")));
            String label = options.getOrDefault("label", "WS1");
            double jvmWarm = Double.parseDouble(options.getOrDefault("jvmWarm", "0"));
            if (jvmWarm > 0) {
              socket.run("warm-up", 16, jvmWarm, 0.5);
            }
            for (int c : ints(options.getOrDefault("concurrency", "16"))) {
              Results.emit(socket.run(label, c, warm, measure));
            }
          }
        }
        case "w5" -> W5Workload.main(options);
        default -> throw new IllegalArgumentException("--workload must be w1, w2, w3, w4, w5 or ws");
      }
      if (Boolean.parseBoolean(options.getOrDefault("quitServer", "false"))) {
        http.control(HttpMethod.POST, "/control/quit", 10_000);
      }
    }
    watchdog.interrupt();
    System.exit(0);
  }

  /**
   * Where websocket pages connect: {@code --socketPath}, else the plain socket ceiling's path
   * against the ceiling server and Duplex's {@code {base}/ws} otherwise.
   */
  static String socketPath(Map<String, String> options, String server, String base) {
    return options.getOrDefault("socketPath",
        server.startsWith("ceiling") ? io.duplex.bench.ceiling.CeilingSocket.PATH : base + "/ws");
  }

  static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  /** For tests and the orchestrator: a result line's JSON, or null for other lines. */
  public static JsonObject parseResultLine(String line) {
    return line.startsWith("RESULT ") ? com.google.gson.JsonParser.parseString(line.substring(7)).getAsJsonObject() : null;
  }
}

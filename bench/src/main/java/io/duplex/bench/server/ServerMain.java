package io.duplex.bench.server;

import io.duplex.bench.app.DuplexTarget;
import io.duplex.bench.ceiling.CeilingTarget;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;

/**
 * A bench server process: {@code server --kind=duplex|ceiling --mode=stream|longpoll|poll
 * [--container=jetty|jetty-default|tomcat] [--maxSeconds=900] [--watchStdin=true] [--defaultLimits=false] [--backplane=redis://...]}.
 * The container: Jetty as the bench tunes it (a small header cache, the default), Jetty with its
 * default connector settings, or Tomcat with its default connector. Prints {@code READY <port>} when it serves, and stops when
 * its standard input closes (unless watchStdin is false), when told over /control/quit, or after
 * maxSeconds, whichever comes first.
 */
public final class ServerMain {
  private ServerMain() {}

  public static void main(Map<String, String> options) throws Exception {
    ServerMode mode = ServerMode.parse(options.getOrDefault("mode", "stream"));
    String kind = options.getOrDefault("kind", "duplex");
    long maxSeconds = Long.parseLong(options.getOrDefault("maxSeconds", "900"));
    BenchTarget target = switch (kind) {
      case "duplex" -> new DuplexTarget(mode, Boolean.parseBoolean(options.getOrDefault("defaultLimits", "false")),
          options.get("backplane"));
      case "ceiling" -> new CeilingTarget(mode);
      default -> throw new IllegalArgumentException("--kind must be duplex or ceiling, got " + kind);
    };

    String container = options.getOrDefault("container", "jetty");
    CountDownLatch stop = new CountDownLatch(1);
    ControlServlet control = new ControlServlet(target, stop::countDown);
    AutoCloseable server;
    int port;
    switch (container) {
      case "jetty", "jetty-default" -> {
        ServletContextHandler context = BenchJetty.newContext();
        ServletHolder holder = new ServletHolder(target.name(), target.servlet());
        holder.setAsyncSupported(true);
        context.addServlet(holder, target.base() + "/*");
        if (mode == ServerMode.WEBSOCKET) {
          // The container's WebSocket support (Duplex upgrades {base}/ws itself) and, on the same
          // Jetty, the plain socket ceiling.
          BenchJetty.addWebSockets(context, target.sockets());
        }
        Server jetty = BenchJetty.create(context, control, container.equals("jetty"));
        jetty.start();
        server = jetty::stop;
        port = BenchJetty.port(jetty);
      }
      case "tomcat" -> {
        Tomcat tomcat = BenchTomcat.start(target.name(), target.servlet(), target.base(), control,
            mode == ServerMode.WEBSOCKET ? target.sockets() : null);
        server = () -> {
          tomcat.stop();
          tomcat.destroy();
        };
        port = BenchTomcat.port(tomcat);
      }
      default -> throw new IllegalArgumentException("--container must be jetty, jetty-default or tomcat, got " + container);
    }
    System.out.println("READY " + port + " " + target.name() + " " + mode.argName() + " " + container);
    System.out.flush();

    if (Boolean.parseBoolean(options.getOrDefault("watchStdin", "true"))) {
      watchStdin(stop);
    }

    stop.await(maxSeconds, TimeUnit.SECONDS);
    int status = 0;
    try {
      server.close();
      target.close();
    } catch (Exception e) {
      System.err.println("bench server did not stop cleanly: " + e);
      status = 1;
    }
    System.exit(status);
  }

  private static void watchStdin(CountDownLatch stop) {
    Thread stdinWatch = new Thread(() -> {
      try (InputStream in = System.in) {
        while (in.read() >= 0) {
          // discard; EOF means the orchestrator is gone or done with us
        }
      } catch (IOException e) {
        // treat as EOF
      }
      stop.countDown();
    }, "bench-stdin");
    stdinWatch.setDaemon(true);
    stdinWatch.start();
  }
}

package io.duplex.samples;

import io.duplex.ReverseAjax;
import java.util.List;

/**
 * Command-line options of the samples app.
 *
 * @param host the interface to listen on: 127.0.0.1 (this machine only) unless told otherwise
 * @param allowedHosts host names the app answers to (Duplex's {@code allowedHosts}), comma-separated;
 *     empty means "the loopback names" when {@code host} is a loopback address, else any
 * @param redis the Redis backplane URL joining sample processes ({@code --redis=redis://host:6379}),
 *     or empty
 * @param protocol how the app speaks HTTP: HTTP/1.1, also cleartext HTTP/2 ({@code --h2c}), or TLS
 *     with HTTP/2 and HTTP/1.1 ({@code --https})
 * @param debug Duplex's {@code debug} setting ({@code --debug=true}): error details to the browser,
 *     the debug page at {@code /duplex/debug/} and the typings at {@code /duplex/types/}
 */
public record SamplesOptions(
    String host,
    int port,
    ReverseAjax mode,
    boolean streaming,
    String allowedHosts,
    String redis,
    HttpProtocol protocol,
    boolean debug) {
  private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "[::1]");

  public static SamplesOptions defaults() {
    return new SamplesOptions("127.0.0.1", 8080, ReverseAjax.COMET, true, "", "", HttpProtocol.HTTP_1_1, false);
  }

  public static SamplesOptions parse(String... args) {
    SamplesOptions o = defaults();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value;
      String name;
      int eq = arg.indexOf('=');
      if (arg.equals("--h2c") || arg.equals("--https")) {
        o = o.withProtocol(arg.equals("--h2c") ? HttpProtocol.H2C : HttpProtocol.HTTPS);
        continue;
      }
      if (eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else {
        name = arg;
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("Missing value for " + arg + "\n" + usage());
        }
        value = args[++i];
      }
      o = switch (name) {
        case "--port" -> o.withPort(Integer.parseInt(value));
        case "--host" -> o.withHost(value);
        case "--allowed-hosts" -> new SamplesOptions(o.host, o.port, o.mode, o.streaming, value, o.redis, o.protocol, o.debug);
        case "--redis" -> o.withRedis(value);
        case "--mode" -> o.withMode(ReverseAjax.parse(value), o.streaming);
        case "--streaming" -> o.withMode(o.mode, Boolean.parseBoolean(value));
        case "--debug" -> o.withDebug(Boolean.parseBoolean(value));
        default -> throw new IllegalArgumentException("Unknown option " + name + "\n" + usage());
      };
    }
    return o;
  }

  public SamplesOptions withHost(String host) {
    return new SamplesOptions(host, port, mode, streaming, allowedHosts, redis, protocol, debug);
  }

  public SamplesOptions withPort(int port) {
    return new SamplesOptions(host, port, mode, streaming, allowedHosts, redis, protocol, debug);
  }

  public SamplesOptions withMode(ReverseAjax mode, boolean streaming) {
    return new SamplesOptions(host, port, mode, streaming, allowedHosts, redis, protocol, debug);
  }

  public SamplesOptions withProtocol(HttpProtocol protocol) {
    return new SamplesOptions(host, port, mode, streaming, allowedHosts, redis, protocol, debug);
  }

  /** Runs Duplex with {@code debug} on or off. */
  public SamplesOptions withDebug(boolean debug) {
    return new SamplesOptions(host, port, mode, streaming, allowedHosts, redis, protocol, debug);
  }

  /** Joins the other sample processes on this Redis backplane ({@code redis://host:6379}). */
  public SamplesOptions withRedis(String redis) {
    return new SamplesOptions(host, port, mode, streaming, allowedHosts, redis, protocol, debug);
  }

  /**
   * The {@code allowedHosts} Duplex runs with: as given, or the loopback names when the app listens
   * on loopback only (a page elsewhere whose name is rebound to 127.0.0.1 is then refused), or none.
   */
  public String[] effectiveAllowedHosts() {
    if (!allowedHosts.isBlank()) {
      return allowedHosts.split(",");
    }
    return isLoopback() ? LOOPBACK_NAMES.toArray(String[]::new) : new String[0];
  }

  boolean isLoopback() {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
  }

  static String usage() {
    return "usage: java -jar duplex-samples.jar [--port=8080] [--host=127.0.0.1] [--allowed-hosts=name,...]"
        + " [--mode=comet|polling|piggyback|websocket] [--streaming=true|false] [--redis=redis://host:6379]"
        + " [--h2c | --https] [--debug=true]";
  }
}

package io.duplex.samples;

import io.duplex.ReverseAjax;

/** Command-line options of the samples app. */
public record SamplesOptions(String host, int port, ReverseAjax mode, boolean streaming, String redis) {
  public static SamplesOptions defaults() {
    return new SamplesOptions("0.0.0.0", 8080, ReverseAjax.COMET, true, "");
  }

  public static SamplesOptions parse(String... args) {
    SamplesOptions o = defaults();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value;
      String name;
      int eq = arg.indexOf('=');
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
        case "--mode" -> o.withMode(ReverseAjax.parse(value), o.streaming);
        case "--streaming" -> o.withMode(o.mode, Boolean.parseBoolean(value));
        case "--redis" -> o.withRedis(value);
        default -> throw new IllegalArgumentException("Unknown option " + name + "\n" + usage());
      };
    }
    return o;
  }

  public SamplesOptions withHost(String host) {
    return new SamplesOptions(host, port, mode, streaming, redis);
  }

  public SamplesOptions withPort(int port) {
    return new SamplesOptions(host, port, mode, streaming, redis);
  }

  public SamplesOptions withMode(ReverseAjax mode, boolean streaming) {
    return new SamplesOptions(host, port, mode, streaming, redis);
  }

  /** Joins the other sample processes on this Redis backplane ({@code redis://host:port}). */
  public SamplesOptions withRedis(String redis) {
    return new SamplesOptions(host, port, mode, streaming, redis);
  }

  static String usage() {
    return "usage: java -jar duplex-samples.jar [--port=8080] [--host=0.0.0.0]"
        + " [--mode=comet|polling|piggyback] [--streaming=true|false] [--redis=redis://host:6379]";
  }
}

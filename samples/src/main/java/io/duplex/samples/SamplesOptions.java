package io.duplex.samples;

import io.duplex.ReverseAjax;

/** Command-line options of the samples app. */
public record SamplesOptions(String host, int port, ReverseAjax mode, boolean streaming) {
  public static SamplesOptions defaults() {
    return new SamplesOptions("0.0.0.0", 8080, ReverseAjax.COMET, true);
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
        case "--port" -> new SamplesOptions(o.host, Integer.parseInt(value), o.mode, o.streaming);
        case "--host" -> new SamplesOptions(value, o.port, o.mode, o.streaming);
        case "--mode" -> new SamplesOptions(o.host, o.port, ReverseAjax.parse(value), o.streaming);
        case "--streaming" -> new SamplesOptions(o.host, o.port, o.mode, Boolean.parseBoolean(value));
        default -> throw new IllegalArgumentException("Unknown option " + name + "\n" + usage());
      };
    }
    return o;
  }

  public SamplesOptions withHost(String host) {
    return new SamplesOptions(host, port, mode, streaming);
  }

  public SamplesOptions withPort(int port) {
    return new SamplesOptions(host, port, mode, streaming);
  }

  public SamplesOptions withMode(ReverseAjax mode, boolean streaming) {
    return new SamplesOptions(host, port, mode, streaming);
  }

  static String usage() {
    return "usage: java -jar duplex-samples.jar [--port=8080] [--host=0.0.0.0]"
        + " [--mode=comet|polling|piggyback|websocket] [--streaming=true|false]";
  }
}

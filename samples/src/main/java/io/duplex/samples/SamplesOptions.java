package io.duplex.samples;

import io.duplex.ReverseAjax;

/**
 * Command-line options of the samples app.
 *
 * @param protocol how the app speaks HTTP: HTTP/1.1, also cleartext HTTP/2 ({@code --h2c}), or TLS
 *     with HTTP/2 and HTTP/1.1 ({@code --https})
 */
public record SamplesOptions(String host, int port, ReverseAjax mode, boolean streaming, HttpProtocol protocol) {
  public static SamplesOptions defaults() {
    return new SamplesOptions("0.0.0.0", 8080, ReverseAjax.COMET, true, HttpProtocol.HTTP_1_1);
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
        case "--mode" -> o.withMode(ReverseAjax.parse(value), o.streaming);
        case "--streaming" -> o.withMode(o.mode, Boolean.parseBoolean(value));
        default -> throw new IllegalArgumentException("Unknown option " + name + "\n" + usage());
      };
    }
    return o;
  }

  public SamplesOptions withHost(String host) {
    return new SamplesOptions(host, port, mode, streaming, protocol);
  }

  public SamplesOptions withPort(int port) {
    return new SamplesOptions(host, port, mode, streaming, protocol);
  }

  public SamplesOptions withMode(ReverseAjax mode, boolean streaming) {
    return new SamplesOptions(host, port, mode, streaming, protocol);
  }

  public SamplesOptions withProtocol(HttpProtocol protocol) {
    return new SamplesOptions(host, port, mode, streaming, protocol);
  }

  static String usage() {
    return "usage: java -jar duplex-samples.jar [--port=8080] [--host=0.0.0.0]"
        + " [--mode=comet|polling|piggyback] [--streaming=true|false] [--h2c | --https]";
  }
}

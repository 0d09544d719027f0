package io.duplex.samples;

import io.duplex.Duplex;
import io.duplex.ReverseAjax;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The samples app: embedded Jetty 12 serving the demo pages, with Duplex mounted at /duplex/*.
 *
 * <p>{@code java -jar duplex-samples.jar [--port=8080] [--host=127.0.0.1] [--allowed-hosts=name,...]
 * [--mode=comet|polling|piggyback|websocket] [--streaming=true|false] [--redis=redis://host:6379]
 * [--h2c | --https] [--debug=true]}; with {@code --debug=true} the debug page is at {@code /duplex/debug/}. It listens on 127.0.0.1 unless {@code --host} says otherwise (e.g. {@code
 * --host=0.0.0.0} for every interface); {@code --redis} joins other sample processes on that Redis
 * backplane; {@code --h2c} and {@code --https} add HTTP/2.
 */
public final class SamplesApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SamplesApp.class);
  /** Held requests per browser over HTTP/2, where they cost no connection each. */
  static final int MULTIPLEXED_HELD_PER_BROWSER = 32;

  private final Server server;
  private final Demos demos;
  private final Duplex duplex;

  private SamplesApp(Server server, Demos demos, Duplex duplex) {
    this.server = server;
    this.demos = demos;
    this.duplex = duplex;
  }

  public static void main(String[] args) throws Exception {
    SamplesOptions options = SamplesOptions.parse(args);
    SamplesApp app = start(options);
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "samples-shutdown"));
    LOG.info(
        "Duplex samples on {}://{}:{}/ (reverse Ajax: {}{}{})",
        options.protocol().scheme(),
        options.host().equals("0.0.0.0") ? "localhost" : options.host(),
        app.port(),
        options.mode().wireName(),
        options.mode() == ReverseAjax.COMET ? (options.streaming() ? ", streaming" : ", long poll") : "",
        switch (options.protocol()) {
          case HTTP_1_1 -> "";
          case H2C -> "; HTTP/1.1 and h2c";
          case HTTPS -> "; TLS, h2 and HTTP/1.1, self-signed certificate";
        });
    if (options.effectiveAllowedHosts().length == 0) {
      LOG.warn("Listening on {} with any Host accepted: pass --allowed-hosts=<the names you serve> so that"
          + " DNS-rebinding pages are refused (docs/security.md)", options.host());
    }
    app.server.join();
  }

  /** Starts the app; port 0 picks a free port (see {@link #port()}). */
  public static SamplesApp start(SamplesOptions options) throws Exception {
    return start(options, DemoSettings.defaults());
  }

  /** Starts the app with the demos' simulators running at the given pace. */
  public static SamplesApp start(SamplesOptions options, DemoSettings settings) throws Exception {
    Demos demos = new Demos(settings);
    Duplex.Builder builder = demos.configure(Duplex.builder())
        .reverseAjax(options.mode())
        .streaming(options.streaming())
        .allowedHosts(options.effectiveAllowedHosts())
        .backplane(options.redis())
        .debug(options.debug());
    if (options.protocol().multiplexed()) {
      // Over HTTP/2 a browser's tabs share one connection: the cap that keeps HTTP/1.1
      // connections free for calls need not stop ten tabs from holding their streams.
      builder.maxHeldPerHttpSession(MULTIPLEXED_HELD_PER_BROWSER);
    }
    Duplex duplex = builder.build();
    try {
      demos.start(duplex, options.redis());
    } catch (RuntimeException e) {
      demos.close();
      duplex.close();
      throw e;
    }

    Server server =
        DuplexJetty.create(duplex, options.host(), options.port(), "static/", new SecurityHeadersFilter());
    ProtocolConnector.apply(server, options.protocol());
    server.setStopTimeout(2_000);
    try {
      server.start();
    } catch (Exception e) {
      demos.close();
      duplex.close();
      throw e;
    }
    return new SamplesApp(server, demos, duplex);
  }

  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** The Jetty server, e.g. to read its session settings. */
  public Server server() {
    return server;
  }

  public Duplex duplex() {
    return duplex;
  }

  public Demos demos() {
    return demos;
  }

  @Override
  public void close() {
    demos.close();
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("Jetty did not stop cleanly", e);
    }
    duplex.close();
  }
}

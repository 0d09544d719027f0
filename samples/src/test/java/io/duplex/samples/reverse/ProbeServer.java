package io.duplex.samples.reverse;

import io.duplex.Duplex;
import io.duplex.ReverseAjax;
import io.duplex.samples.DuplexJetty;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Embedded Jetty on a random loopback port: the test pages of the classpath folder {@code e2e/}
 * under a strict Content-Security-Policy, and Duplex at {@code /duplex/*} in one delivery mode.
 */
final class ProbeServer implements AutoCloseable {
  /** Short, so polling and piggyback tests wait little; the page pings this often in piggyback. */
  static final long POLL_INTERVAL_MILLIS = 200;

  final Probe probe = new Probe();
  final PageWatch pages = new PageWatch();
  final Duplex duplex;
  private final Server server;

  ProbeServer(ReverseAjax mode, boolean streaming) throws Exception {
    this(mode, streaming, false);
  }

  /** @param refuseUpgrades answer WebSocket upgrades 403, as a proxy that does not pass them */
  ProbeServer(ReverseAjax mode, boolean streaming, boolean refuseUpgrades) throws Exception {
    duplex =
        Duplex.builder()
            .expose(Probe.class, () -> probe)
            .listener(pages)
            .reverseAjax(mode)
            .streaming(streaming)
            .pollIntervalMillis(POLL_INTERVAL_MILLIS)
            .build();

    server = DuplexJetty.create(
        duplex, "127.0.0.1", 0, "e2e/", refuseUpgrades ? new UpgradeRefusingFilter() : new StrictPolicyFilter());
    server.setStopTimeout(1_000);
    try {
      server.start();
    } catch (Exception e) {
      duplex.close();
      throw e;
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + connector().getLocalPort() + path;
  }

  /** Cuts every open connection, as a flaky network would: held and in-flight requests fail. */
  void dropConnections() {
    connector().getConnectedEndPoints().forEach(EndPoint::close);
  }

  private ServerConnector connector() {
    return (ServerConnector) server.getConnectors()[0];
  }

  @Override
  public void close() throws Exception {
    try {
      server.stop();
    } finally {
      duplex.close();
    }
  }
}

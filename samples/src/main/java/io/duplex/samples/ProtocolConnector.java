package io.duplex.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Adds HTTP/2 to the samples' connector: cleartext h2c next to HTTP/1.1, or TLS with ALPN choosing
 * h2 or HTTP/1.1. Over HTTP/2 all of a browser's tabs share one connection, so the six-connections-
 * per-host limit of HTTP/1.1 no longer caps how many comet tabs of the site a browser keeps open.
 */
final class ProtocolConnector {
  private ProtocolConnector() {}

  /** Reconfigures the server's (not yet started) connector for {@code protocol}. */
  static void apply(Server server, HttpProtocol protocol) throws IOException {
    ServerConnector connector = (ServerConnector) server.getConnectors()[0];
    HttpConnectionFactory http1 = connector.getConnectionFactory(HttpConnectionFactory.class);
    HttpConfiguration config = http1.getHttpConfiguration();
    switch (protocol) {
      case HTTP_1_1 -> {}
      // HTTP/1.1 stays the default; Jetty switches a connection to h2c on the prior-knowledge
      // preface or on "Upgrade: h2c".
      case H2C -> connector.addConnectionFactory(new HTTP2CServerConnectionFactory(config));
      case HTTPS -> {
        config.setSecureScheme("https");
        // A self-signed certificate for localhost: no SNI host check against it.
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        config.addCustomizer(secure);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(config);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(http1.getProtocol());
        SslConnectionFactory tls = new SslConnectionFactory(selfSigned(), alpn.getProtocol());
        connector.clearConnectionFactories();
        connector.addConnectionFactory(tls);
        connector.addConnectionFactory(alpn);
        connector.addConnectionFactory(h2);
        connector.addConnectionFactory(http1);
        connector.setDefaultProtocol(tls.getProtocol());
      }
    }
  }

  /**
   * A key pair and self-signed certificate for localhost and 127.0.0.1, made now with the JDK's
   * keytool into a temporary PKCS#12 keystore (deleted at exit): browsers warn about it, which is
   * what a demo over TLS without a real certificate costs.
   */
  private static SslContextFactory.Server selfSigned() throws IOException {
    Path dir = Files.createTempDirectory("duplex-samples-tls");
    Path store = dir.resolve("samples.p12");
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = List.of(
        keytool.toString(), "-genkeypair", "-alias", "samples", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "30",
        "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", password, "-keypass", password);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool could not make the samples' certificate: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making the samples' certificate", e);
    }
    store.toFile().deleteOnExit();
    dir.toFile().deleteOnExit();
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStorePath(store.toString());
    ssl.setKeyStoreType("PKCS12");
    ssl.setKeyStorePassword(password);
    return ssl;
  }
}

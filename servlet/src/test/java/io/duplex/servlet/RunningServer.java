package io.duplex.servlet;

import io.duplex.Duplex;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Duplex and its test server for a whole test class, registered as a static
 * {@code @RegisterExtension} field: both start before the class's first test and close after its
 * last.
 */
public final class RunningServer implements BeforeAllCallback, AfterAllCallback {
  private final Supplier<Duplex> duplexes;
  private final Function<Duplex, TestServer> servers;
  private Duplex duplex;
  private TestServer server;

  /** @param duplex builds the class's Duplex; it is served by {@link TestServer#start(Duplex)} */
  public RunningServer(Supplier<Duplex> duplex) {
    this(duplex, TestServer::start);
  }

  /**
   * @param duplex builds the class's Duplex
   * @param server starts the server for it (a filter, another servlet path)
   */
  public RunningServer(Supplier<Duplex> duplex, Function<Duplex, TestServer> server) {
    this.duplexes = duplex;
    this.servers = server;
  }

  public Duplex duplex() {
    return duplex;
  }

  public TestServer server() {
    return server;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    duplex = duplexes.get();
    server = servers.apply(duplex);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      if (duplex != null) {
        duplex.close();
      }
    }
  }
}

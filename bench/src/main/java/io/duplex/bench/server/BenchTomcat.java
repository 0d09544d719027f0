package io.duplex.bench.server;

import jakarta.servlet.Servlet;
import java.io.File;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import io.duplex.bench.ceiling.SocketPages;
import jakarta.websocket.server.ServerContainer;

/**
 * The bench servers on embedded Tomcat with its default connector ({@code --container=tomcat}):
 * only what the bench needs is set (loopback, a free port, an idle timeout longer than any hold,
 * room for 10 000 connections); buffers, header sizes and the rest stay at Tomcat's defaults.
 */
public final class BenchTomcat {
  private BenchTomcat() {}

  /** A started Tomcat serving {@code target} at its base and the control servlet at /control/*. */
  public static Tomcat start(String name, Servlet target, String base, ControlServlet control) throws Exception {
    return start(name, target, base, control, null);
  }

  /**
   * @param sockets non-null in websocket mode: Tomcat's Jakarta WebSocket support (Duplex upgrades
   *     {base}/ws itself) and the plain socket ceiling, broadcasting through these pages
   */
  public static Tomcat start(String name, Servlet target, String base, ControlServlet control, SocketPages sockets)
      throws Exception {
    File dir = Files.createTempDirectory("bench-tomcat").toFile();
    dir.deleteOnExit();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(dir.getAbsolutePath());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    connector.setProperty("connectionTimeout", String.valueOf(BenchJetty.IDLE_TIMEOUT_MILLIS));
    connector.setProperty("keepAliveTimeout", String.valueOf(BenchJetty.IDLE_TIMEOUT_MILLIS));
    // W3 holds up to 10 000 connections; Tomcat's default cap is 8192.
    connector.setProperty("maxConnections", "20000");
    connector.setProperty("acceptCount", "4096");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", dir.getAbsolutePath());
    add(context, name, target, base + "/*");
    add(context, "control", control, "/control/*");
    if (sockets != null) {
      // What Tomcat runs for every deployed web application; an embedded context adds it by hand.
      context.addServletContainerInitializer(new WsSci(), null);
      context.addServletContainerInitializer((classes, servletContext) -> {
        ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
        try {
          container.addEndpoint(BenchJetty.ceilingSocket(sockets));
        } catch (jakarta.websocket.DeploymentException e) {
          throw new jakarta.servlet.ServletException(e);
        }
      }, null);
    }
    tomcat.start();
    return tomcat;
  }

  public static int port(Tomcat tomcat) {
    return tomcat.getConnector().getLocalPort();
  }

  private static void add(Context context, String name, Servlet servlet, String pattern) {
    Wrapper wrapper = Tomcat.addServlet(context, name, servlet);
    wrapper.setAsyncSupported(true);
    context.addServletMappingDecoded(pattern, name);
  }
}

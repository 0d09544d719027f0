package io.duplex.servlet;

import static io.duplex.servlet.DuplexTestClient.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.ReverseAjax;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * reverseAjax=websocket on embedded Tomcat 10.1 (its own Jakarta WebSocket implementation): the
 * same upgrade, frames and lines as on Jetty.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TomcatWebSocketTest {
  private Duplex duplex;
  private Tomcat tomcat;
  private int port;

  @BeforeAll
  void start() throws Exception {
    duplex = Duplex.builder()
        .expose(TestServices.Echo.class)
        .reverseAjax(ReverseAjax.WEBSOCKET)
        .maxBodyBytes(4_096)
        .heartbeatMillis(200)
        .build();
    tomcat = new Tomcat();
    Path base = Files.createTempDirectory("duplex-tomcat");
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", base.toString());
    // What Tomcat does for every deployed web application; an embedded context adds it by hand.
    context.addServletContainerInitializer(new WsSci(), null);
    Wrapper servlet = Tomcat.addServlet(context, "duplex", new DuplexServlet(duplex));
    servlet.setAsyncSupported(true);
    servlet.setLoadOnStartup(0);
    context.addServletMappingDecoded("/duplex/*", "duplex");
    tomcat.start();
    port = connector.getLocalPort();
  }

  @AfterAll
  void stop() throws Exception {
    tomcat.stop();
    tomcat.destroy();
    duplex.close();
  }

  private DuplexTestClient client() {
    String origin = "http://127.0.0.1:" + port;
    return new DuplexTestClient(origin + "/duplex", origin);
  }

  @Test
  void callsPushesAndAcksTravelOnTheSocket() {
    DuplexTestClient page = client().handshake("/tomcat.html");
    try (TestSocket socket = TestSocket.connect(page).open(1)) {
      assertTrue(socket.next().has("open"));
      socket.call(1, call(1, "Echo", "echo", "on tomcat"), call(2, "Echo", "add", 1, 2));
      JsonObject answer = socket.answer(1);
      assertEquals("on tomcat", answer.getAsJsonArray("results").get(0).getAsJsonObject().get("value").getAsString());
      assertEquals(3, answer.getAsJsonArray("results").get(1).getAsJsonObject().get("value").getAsInt());

      duplex.browser().session(page.session()).call("app.n", 1);
      PageState state = new PageState();
      while (state.ran().isEmpty()) {
        JsonObject line = socket.nextSkippingHeartbeats();
        if (line.has("reverse")) {
          assertTrue(state.apply(line.getAsJsonObject("reverse")));
        }
      }
      assertEquals(java.util.List.of("app.n[1]"), state.ran());
      socket.ack(1).call(2, call(1, "Echo", "echo", "after ack")).answer(2);
      assertEquals(1, duplex.browser().session(page.session()).sessions().iterator().next().queueStats().ackedSeq());

      socket.call(3, call(1, "Echo", "echo", "x".repeat(5_000)));
      assertEquals("PAYLOAD_TOO_LARGE", socket.answer(3).getAsJsonObject("error").get("code").getAsString());
    }
  }

  @Test
  void refusalsAreTheSameAsOnJetty() {
    DuplexTestClient page = client().handshake("/tomcat-refused.html");
    assertEquals(403, TestSocket.upgradeStatus(page, "http://evil.example"));
    try (TestSocket socket = TestSocket.connect(page.useSession(page.session(), "wrong")).open(1)) {
      assertEquals("CSRF_REJECTED", socket.next().getAsJsonObject("error").get("code").getAsString());
      assertEquals("1008 CSRF_REJECTED", socket.closeStatus());
    }
  }
}

package io.duplex.servlet;

import static io.duplex.servlet.DuplexTestClient.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.duplex.Duplex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With debug on, failures carry their detail to the browser (and say so in the handshake). */
class DebugModeTest {
  private static Duplex duplex;
  private static TestServer server;

  @BeforeAll
  static void start() {
    duplex = Duplex.builder().expose(TestServices.Echo.class).debug(true).build();
    server = TestServer.start(duplex);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    duplex.close();
  }

  @Test
  void handshakeTellsThePageDebugIsOn() {
    assertTrue(server.client().handshake("/d.html").handshakeResponse().get("debug").getAsBoolean());
  }

  @Test
  void serverErrorsCarryExceptionAndStack() {
    DuplexTestClient page = server.client().handshake("/d.html");
    JsonObject error = page.batch(call(1, "Echo", "fail")).results().get(0).getAsJsonObject().getAsJsonObject("error");
    assertEquals("SERVER_ERROR", error.get("code").getAsString());
    String detail = error.get("detail").getAsString();
    assertTrue(detail.contains("IllegalStateException"), detail);
    assertTrue(detail.contains("com.example.internal.Vault"), detail);
    assertTrue(detail.contains("TestServices$Echo.fail"), "stack trace: " + detail);
  }

  @Test
  void resultsThatCannotBeSentCarryDetailToo() {
    DuplexTestClient page = server.client().handshake("/d.html");
    JsonObject error = page.batch(call(1, "Echo", "loop")).results().get(0).getAsJsonObject().getAsJsonObject("error");
    assertEquals("SERVER_ERROR", error.get("code").getAsString());
    assertTrue(error.has("incident"));
    assertTrue(error.get("detail").getAsString().length() > 0);
  }
}

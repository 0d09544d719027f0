package io.duplex.servlet;

import static io.duplex.servlet.DuplexTestClient.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.duplex.Duplex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With debug on, failures carry their detail to the browser (and say so in the handshake). */
class DebugModeTest {
  @RegisterExtension
  static final RunningServer app =
      new RunningServer(() -> Duplex.builder().expose(TestServices.Echo.class).debug(true).build());

  @Test
  void handshakeTellsThePageDebugIsOn() {
    assertTrue(app.server().client().handshake("/d.html").handshakeResponse().get("debug").getAsBoolean());
  }

  @Test
  void serverErrorsCarryExceptionAndStack() {
    DuplexTestClient page = app.server().client().handshake("/d.html");
    JsonObject error = page.batch(call(1, "Echo", "fail")).results().get(0).getAsJsonObject().getAsJsonObject("error");
    assertEquals("SERVER_ERROR", error.get("code").getAsString());
    String detail = error.get("detail").getAsString();
    assertTrue(detail.contains("IllegalStateException"), detail);
    assertTrue(detail.contains("com.example.internal.Vault"), detail);
    assertTrue(detail.contains("TestServices$Echo.fail"), "stack trace: " + detail);
  }

  @Test
  void resultsThatCannotBeSentCarryDetailToo() {
    DuplexTestClient page = app.server().client().handshake("/d.html");
    JsonObject error = page.batch(call(1, "Echo", "loop")).results().get(0).getAsJsonObject().getAsJsonObject("error");
    assertEquals("SERVER_ERROR", error.get("code").getAsString());
    assertTrue(error.has("incident"));
    assertTrue(error.get("detail").getAsString().length() > 0);
  }
}

package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.servlet.DuplexTestClient.Response;
import org.junit.jupiter.api.Test;

/** web.xml-style configuration: services and settings from init-params; mistakes fail startup. */
class InitParamsTest {
  private static Throwable startupFailure(TestServer.Builder builder) {
    Throwable failure = assertThrows(Throwable.class, () -> builder.start().close());
    return failure;
  }

  private static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }

  @Test
  void servicesAndSettingsComeFromInitParams() throws Exception {
    try (TestServer server =
        TestServer.builder()
            .initParam("services", " " + TestServices.Echo.class.getName() + " , " + TestServices.Counter.class.getName() + ",")
            .initParam("reverseAjax", "polling")
            .initParam("pollIntervalMillis", "777")
            .initParam("maxCallsPerBatch", "2")
            .initParam("debug", "true")
            .start()) {
      DuplexTestClient page = server.client().handshake("/web.xml.html");
      JsonObject handshake = page.handshakeResponse();
      assertEquals("polling", handshake.getAsJsonObject("reverse").get("mode").getAsString());
      assertEquals(777, handshake.getAsJsonObject("reverse").get("pollIntervalMillis").getAsLong());
      assertTrue(handshake.get("debug").getAsBoolean());
      assertEquals("hi", page.value("Echo", "echo", "hi").getAsString());
      page.value("Counter", "increment");
      Response tooMany = page.batch(DuplexTestClient.call(1, "Echo", "nothing"), DuplexTestClient.call(2, "Echo", "nothing"),
          DuplexTestClient.call(3, "Echo", "nothing"));
      assertEquals("TOO_MANY_CALLS", tooMany.errorCode());
      assertEquals(2, server.duplex().config().maxCallsPerBatch());
    }
  }

  @Test
  void anUnknownInitParamFailsStartupNamingItAndTheKnownNames() {
    String message = messages(startupFailure(TestServer.builder().initParam("maxBodyByte", "10")));
    assertTrue(message.contains("maxBodyByte"), message);
    assertTrue(message.contains("maxBodyBytes") && message.contains("services") && message.contains("reverseAjax"), message);
  }

  @Test
  void aBadValueFailsStartup() {
    String message = messages(startupFailure(TestServer.builder().initParam("maxBodyBytes", "lots")));
    assertTrue(message.contains("maxBodyBytes") && message.contains("lots"), message);
    message = messages(startupFailure(TestServer.builder().initParam("streaming", "yes")));
    assertTrue(message.contains("streaming"), message);
  }

  @Test
  void anUnknownServiceClassFailsStartup() {
    String message = messages(startupFailure(TestServer.builder().initParam("services", "com.example.Missing")));
    assertTrue(message.contains("com.example.Missing"), message);
    message = messages(startupFailure(TestServer.builder().initParam("services", String.class.getName())));
    assertTrue(message.contains("RemoteService"), message);
  }

  @Test
  void aServletGivenItsDuplexRefusesInitParams() {
    try (Duplex duplex = Duplex.builder().build()) {
      String message = messages(startupFailure(TestServer.builder().duplex(duplex).initParam("debug", "true")));
      assertTrue(message.contains("debug"), message);
    }
  }

  @Test
  void interfaceStubsUseTheContextAndServletPath() throws Exception {
    try (Duplex duplex = Duplex.builder().expose(TestServices.Echo.class).build();
        TestServer server = TestServer.builder().duplex(duplex).contextPath("/app").start()) {
      Response stub = server.client().get("interface/Echo.js");
      assertEquals(200, stub.status());
      assertTrue(stub.body().contains("\"/app/duplex\""), stub.body());
      assertEquals("ctx", server.client().handshake("/app/p.html").value("Echo", "echo", "ctx").getAsString());
    }
  }
}

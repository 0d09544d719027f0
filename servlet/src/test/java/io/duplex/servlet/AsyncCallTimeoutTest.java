package io.duplex.servlet;

import static io.duplex.servlet.DuplexTestClient.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.duplex.Duplex;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** asyncCallTimeoutMillis: a future that never completes cannot hold its batch for long. */
class AsyncCallTimeoutTest {
  @RegisterExtension
  static final RunningServer app =
      new RunningServer(() -> Duplex.builder()
          .expose(TestServices.Async.class)
          .expose(TestServices.Echo.class)
          .asyncCallTimeoutMillis(300)
          .build());

  @Test
  void aFutureThatNeverCompletesAnswersServerErrorAndTheBatchsOtherCallsStillAnswer() {
    DuplexTestClient page = app.server().client().handshake("/async.html");
    String key = UUID.randomUUID().toString();
    DuplexTestClient.Response response =
        page.batch(call(1, "Async", "later", "quick", 10), call(2, "Async", "waitFor", key));
    assertEquals(200, response.status());
    JsonArray results = response.results();
    assertEquals("quick", results.get(0).getAsJsonObject().get("value").getAsString());
    JsonObject error = results.get(1).getAsJsonObject().getAsJsonObject("error");
    assertEquals("SERVER_ERROR", error.get("code").getAsString());
    assertTrue(error.has("incident"), error.toString());
    assertFalse(error.toString().contains("asyncCallTimeoutMillis"), "details stay in the server's log");

    // Completing the abandoned future later harms nothing, and the page goes on calling.
    assertTrue(page.value("Async", "release", key, "too late").getAsBoolean());
    assertEquals("hi", page.value("Echo", "echo", "hi").getAsString());
  }
}

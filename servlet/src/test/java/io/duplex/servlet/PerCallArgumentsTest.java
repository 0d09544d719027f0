package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.servlet.DuplexTestClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Valid JSON that is awkward inside one call's arguments (a lone surrogate escape, a number of a
 * thousand digits) affects that call only: the batch's other calls run (protocol section 5).
 */
class PerCallArgumentsTest {
  @RegisterExtension
  static final RunningServer app = new RunningServer(() -> Duplex.builder().expose(TestServices.Echo.class).build());

  /** A batch written by hand: these arguments cannot be produced by a JSON library from Java values. */
  private static Response batch(DuplexTestClient page, String... calls) {
    return page.post("call", "{\"v\":1,\"session\":\"" + page.session() + "\",\"csrf\":\"" + page.csrf()
        + "\",\"calls\":[" + String.join(",", calls) + "]}");
  }

  private static String call(int id, String method, String args) {
    return "{\"id\":" + id + ",\"service\":\"Echo\",\"method\":\"" + method + "\",\"args\":[" + args + "]}";
  }

  @Test
  void aLoneSurrogateBecomesTheReplacementCharacterAndTheBatchRuns() {
    DuplexTestClient page = app.server().client().handshake("/p");
    // What JSON.stringify writes for a string holding half of an emoji.
    Response r = batch(page, call(1, "echo", "\"cut \\ud83d\""), call(2, "echo", "\"fine\""));
    assertEquals(200, r.status(), r.body());
    JsonArray results = r.results();
    assertEquals("cut \ufffd", results.get(0).getAsJsonObject().get("value").getAsString());
    assertEquals("fine", results.get(1).getAsJsonObject().get("value").getAsString());
  }

  @Test
  void aNumberOfAThousandDigitsFailsOnlyItsCall() {
    DuplexTestClient page = app.server().client().handshake("/p");
    String huge = "9".repeat(1024);
    Response r = batch(page, call(1, "add", huge + ",1"), call(2, "add", "2,3"), call(3, "echo", "\"fine\""));
    assertEquals(200, r.status(), r.body());
    JsonArray results = r.results();
    JsonObject failed = results.get(0).getAsJsonObject();
    assertEquals(1, failed.get("id").getAsInt());
    assertEquals("BAD_ARGUMENTS", failed.getAsJsonObject("error").get("code").getAsString(), failed.toString());
    assertEquals(5, results.get(1).getAsJsonObject().get("value").getAsInt());
    assertEquals("fine", results.get(2).getAsJsonObject().get("value").getAsString());
  }

  @Test
  void bodiesThatAreNotJsonStillFailTheBatch() {
    DuplexTestClient page = app.server().client().handshake("/p");
    Response r = batch(page, call(1, "echo", "\"\\ud83d\""), call(2, "echo", "'single quotes'"));
    assertEquals(400, r.status(), r.body());
    assertEquals("MALFORMED_REQUEST", r.errorCode());
  }
}

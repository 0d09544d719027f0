package io.duplex.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Gson;
import com.google.gson.stream.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseWriterTest {
  private final Gson gson = new Gson();
  private final ResponseWriter.ValueWriter converter = (value, type, out) -> gson.toJson(value, type, out);

  /** Starts an object, then fails: the half-written value must not reach the response. */
  private static void failHalfway(Object value, java.lang.reflect.Type type, JsonWriter out) throws java.io.IOException {
    out.beginObject().name("partial").value(1);
    throw new IllegalStateException("getter failed in com.example.internal.Secret");
  }

  private static JsonObject json(ResponseBuffer out) {
    return JsonParser.parseString(new String(out.toByteArray(), StandardCharsets.UTF_8)).getAsJsonObject();
  }

  @Test
  void writesOneResultPerOutcomeInOrder() throws Exception {
    ResponseBuffer out = new ResponseBuffer();
    new ResponseWriter(converter, false)
        .callResults(
            out,
            List.of(
                CallOutcome.empty(1),
                CallOutcome.success(2, "hé 😀", String.class),
                CallOutcome.success(3, null, String.class),
                CallOutcome.failure(4, ErrorInfo.of(ErrorCode.UNKNOWN_METHOD, "no such method"))),
            null,
            0);
    JsonObject body = json(out);
    assertEquals(1, body.get("v").getAsInt());
    var results = body.getAsJsonArray("results");
    assertEquals(4, results.size());
    assertEquals(1, results.get(0).getAsJsonObject().get("id").getAsInt());
    assertFalse(results.get(0).getAsJsonObject().has("value"), "void has no value member");
    assertEquals("hé 😀", results.get(1).getAsJsonObject().get("value").getAsString());
    assertTrue(results.get(2).getAsJsonObject().get("value").isJsonNull(), "null return is value:null");
    JsonObject error = results.get(3).getAsJsonObject().getAsJsonObject("error");
    assertEquals("UNKNOWN_METHOD", error.get("code").getAsString());
    assertEquals("no such method", error.get("message").getAsString());
    assertFalse(error.has("type"));
    assertFalse(body.has("reverse"));
  }

  @Test
  void aValueThatCannotBeWrittenBecomesThatCallsServerErrorOnly() throws Exception {
    for (boolean debug : new boolean[] {false, true}) {
      ResponseBuffer out = new ResponseBuffer();
      ResponseWriter.ValueWriter values =
          (value, type, w) -> {
            if (value.equals("bad")) {
              failHalfway(value, type, w);
            } else {
              converter.write(value, type, w);
            }
          };
      new ResponseWriter(values, debug)
          .callResults(
              out,
              List.of(
                  CallOutcome.success(1, "bad", String.class),
                  CallOutcome.success(2, "fine", String.class)),
              null,
              0);
      var results = json(out).getAsJsonArray("results");
      JsonObject error = results.get(0).getAsJsonObject().getAsJsonObject("error");
      assertEquals("SERVER_ERROR", error.get("code").getAsString());
      assertNotNull(error.get("incident"));
      assertEquals(debug, error.has("detail"), "detail only in debug mode");
      assertEquals(debug, error.toString().contains("com.example.internal.Secret"), "internals only in debug mode");
      assertEquals("fine", results.get(1).getAsJsonObject().get("value").getAsString());
    }
  }

  @Test
  void writesErrorsAndHandshake() {
    ResponseBuffer out = new ResponseBuffer();
    ResponseWriter.error(out, ErrorInfo.of(ErrorCode.CSRF_REJECTED, "Missing or wrong CSRF token"));
    assertEquals(
        "{\"v\":1,\"error\":{\"code\":\"CSRF_REJECTED\",\"message\":\"Missing or wrong CSRF token\"}}",
        new String(out.toByteArray(), StandardCharsets.UTF_8));
  }

  @Test
  void bufferEncodesUtf8IncludingSurrogatePairsAndTruncates() {
    ResponseBuffer out = new ResponseBuffer(16);
    out.write("a€");
    int mark = out.size();
    out.write("x".repeat(100));
    out.truncate(mark);
    out.write("😀\uD800");
    out.ascii("!");
    assertEquals("a€😀\uFFFD!", new String(out.toByteArray(), StandardCharsets.UTF_8));
  }
}

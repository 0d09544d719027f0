package io.duplex.internal.reverse;

import static io.duplex.internal.reverse.TestPages.calls;
import static io.duplex.internal.reverse.TestPages.inCallFrom;
import static io.duplex.internal.reverse.TestPages.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.duplex.JsFunction;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsFunctionTest {
  /** A parameter holder as the converter would fill it: functions nested in other values too. */
  record Subscription(String topic, JsFunction onMessage) {}

  private final TestPages pages = new TestPages();
  private final Gson gson = new GsonBuilder().registerTypeAdapterFactory(pages.manager.converterExtension()).create();
  private final ScriptSessionImpl page = pages.open("/chat.html");
  private final ScriptSessionImpl neighbour = pages.open("/chat.html");

  @AfterEach
  void close() {
    pages.close();
  }

  private JsFunction receive(String json) {
    return inCallFrom(page, () -> gson.fromJson(json, JsFunction.class));
  }

  @Test
  void handleIsBoundToTheCallingPage() {
    JsFunction callback = receive("{\"$fn\":\"f7\"}");

    assertSame(page, callback.session());
    assertTrue(callback.call(42, "x"));

    assertEquals(List.of(parse("{\"seq\":1,\"handle\":\"f7\",\"args\":[42,\"x\"]}")), calls(page, 0));
    assertEquals(0, calls(neighbour, 0).size());
  }

  @Test
  void handleNestedInAnArgumentIsRead() {
    Subscription subscription =
        inCallFrom(page, () -> gson.fromJson("{\"topic\":\"news\",\"onMessage\":{\"$fn\":\"f2\"}}", Subscription.class));

    subscription.onMessage().call();

    assertEquals(parse("{\"seq\":1,\"handle\":\"f2\",\"args\":[]}"), calls(page, 0).get(0));
  }

  @Test
  void releaseQueuesOneReleaseEntryAndLaterCallsDoNothing() {
    JsFunction callback = receive("{\"$fn\":\"f7\"}");

    callback.release();
    callback.release();

    assertFalse(callback.call(1));
    assertEquals(List.of(parse("{\"seq\":1,\"release\":\"f7\"}")), calls(page, 0));
  }

  @Test
  void handleOfAnEndedPageIsDead() {
    JsFunction callback = receive("{\"$fn\":\"f7\"}");
    page.invalidate();

    assertFalse(callback.call(1));
    callback.release();
    assertEquals(0, page.queueStats().lastSeq());
  }

  @Test
  void handleIdIsEscapedInTheEntry() {
    JsFunction callback = receive("{\"$fn\":\"f\\\"7\\\\\\u2028\"}");

    callback.call();

    assertEquals("f\"7\\\u2028", calls(page, 0).get(0).get("handle").getAsString());
  }

  @Test
  void nullIsNoFunction() {
    assertNull(receive("null"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"f7\"", "7", "{}", "{\"$fn\":7}", "{\"$fn\":\"\"}", "{\"fn\":\"f7\"}", "{\"$fn\":\"a\",\"x\":1}", "[]"})
  void malformedHandlesAreRefused(String json) {
    JsonParseException error = assertThrows(JsonParseException.class, () -> receive(json));
    assertTrue(error.getMessage().contains("$fn"), error.getMessage());
  }

  @Test
  void handleOutsideACallIsRefused() {
    JsonParseException error =
        assertThrows(JsonParseException.class, () -> gson.fromJson("{\"$fn\":\"f7\"}", JsFunction.class));
    assertTrue(error.getMessage().contains("call from an open page"), error.getMessage());
  }

  @Test
  void handleFromAnEndedPageIsRefused() {
    page.invalidate();
    assertThrows(JsonParseException.class, () -> receive("{\"$fn\":\"f7\"}"));
  }

  @Test
  void aFunctionCannotBeSentToAPage() {
    JsFunction callback = receive("{\"$fn\":\"f7\"}");

    UnsupportedOperationException error =
        assertThrows(UnsupportedOperationException.class, () -> neighbour.target().call("take", callback));

    assertTrue(error.getMessage().contains("JsFunction"), error.getMessage());
    assertEquals(0, neighbour.queueStats().lastSeq());
  }

  @Test
  void sameHandleOfTheSamePageIsEqual() {
    assertEquals(receive("{\"$fn\":\"f1\"}"), receive("{\"$fn\":\"f1\"}"));
    assertEquals(receive("{\"$fn\":\"f1\"}").hashCode(), receive("{\"$fn\":\"f1\"}").hashCode());
    assertFalse(receive("{\"$fn\":\"f1\"}").equals(receive("{\"$fn\":\"f2\"}")));
  }
}

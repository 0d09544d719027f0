package io.duplex.internal.reverse;

import static io.duplex.internal.reverse.TestPages.calls;
import static io.duplex.internal.reverse.TestPages.json;
import static io.duplex.internal.reverse.TestPages.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.Browser;
import io.duplex.ScriptBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReverseCallTest {
  private final TestPages pages = new TestPages(b -> b, Counted.ADAPTER);
  private final Browser browser = pages.manager.browser();

  @AfterEach
  void close() {
    pages.close();
  }

  @Test
  void callIsQueuedAsAnFnEntryWithConvertedArguments() {
    ScriptSessionImpl page = pages.open("/chat.html");

    browser.call("app.chat.add", "hi", 42, List.of(1, 2), Map.of("k", true), null);

    assertEquals(
        List.of(parse("{\"seq\":1,\"fn\":\"app.chat.add\",\"args\":[\"hi\",42,[1,2],{\"k\":true},null]}")),
        calls(page, 0));
  }

  @Test
  void callWithoutArgumentsHasAnEmptyArgsArray() {
    ScriptSessionImpl page = pages.open("/p");
    browser.call("refresh");
    assertEquals(json("[]"), calls(page, 0).get(0).get("args"));
  }

  @Test
  void aNullArgumentArrayMeansOneNullArgument() {
    ScriptSessionImpl page = pages.open("/p");
    browser.call("show", (Object[]) null);
    assertEquals(json("[null]"), calls(page, 0).get(0).get("args"));
  }

  @Test
  void unicodeArgumentsSurviveAsUtf8() {
    ScriptSessionImpl page = pages.open("/p");
    browser.call("say", "h\u00e9llo \u4e16\u754c \"q\" \ud83d\ude00");
    assertEquals("h\u00e9llo \u4e16\u754c \"q\" \ud83d\ude00", calls(page, 0).get(0).getAsJsonArray("args").get(0).getAsString());
  }

  @Test
  void callsKeepTheirOrderPerPage() {
    ScriptSessionImpl page = pages.open("/p");
    for (int i = 0; i < 20; i++) {
      browser.call("step", i);
    }
    List<Integer> args = new ArrayList<>();
    long seq = 0;
    for (var call : calls(page, 0)) {
      assertEquals(++seq, call.get("seq").getAsLong());
      args.add(call.getAsJsonArray("args").get(0).getAsInt());
    }
    assertEquals(20, args.size());
    for (int i = 0; i < 20; i++) {
      assertEquals(i, args.get(i));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "a..b", ".a", "a.", "a b", "alert(1)", "a-b", "a[0]", "__proto__", "a.__proto__.b",
        "x.prototype", "constructor", "a.constructor", "a;b", "a\"b"
      })
  void invalidFunctionNamesAreRefusedAndNothingIsQueued(String name) {
    ScriptSessionImpl page = pages.open("/p");

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> browser.call(name, 1));

    assertTrue(error.getMessage().contains("function name"), error.getMessage());
    assertEquals(0, page.queueStats().lastSeq());
  }

  @ParameterizedTest
  @ValueSource(strings = {"f", "app.chat.add", "$", "_x.$y1", "\u00e9t\u00e9.f", "a.0"})
  void validFunctionNamesAreQueuedVerbatim(String name) {
    ScriptSessionImpl page = pages.open("/p");
    browser.call(name);
    assertEquals(name, calls(page, 0).get(0).get("fn").getAsString());
  }

  @Test
  void nullFunctionNameIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> browser.call(null));
  }

  @Test
  void scriptBufferCallsAreConsecutiveAndInOrder() {
    ScriptSessionImpl page = pages.open("/p");
    browser.call("before");
    browser.send(ScriptBuffer.create().call("one", 1).call("two", "2").call("three"));
    browser.call("after");

    List<String> functions = calls(page, 0).stream().map(c -> c.get("seq") + ":" + c.get("fn").getAsString()).toList();
    assertEquals(List.of("1:before", "2:one", "3:two", "4:three", "5:after"), functions);
    assertEquals(json("[\"2\"]"), calls(page, 0).get(2).get("args"));
  }

  @Test
  void scriptBufferWithABadNameQueuesNothing() {
    ScriptSessionImpl page = pages.open("/p");
    ScriptBuffer buffer = ScriptBuffer.create().call("ok").call("bad name");

    assertThrows(IllegalArgumentException.class, () -> browser.send(buffer));
    assertEquals(0, page.queueStats().lastSeq());
  }

  @Test
  void emptyScriptBufferQueuesNothing() {
    ScriptSessionImpl page = pages.open("/p");
    browser.send(ScriptBuffer.create());
    assertEquals(0, page.queueStats().lastSeq());
  }

  @Test
  void argumentsOfABroadcastAreConvertedOnceForAThousandPages() {
    List<ScriptSessionImpl> open = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      open.add(pages.open("/wall.html"));
    }
    Counted.CONVERSIONS.set(0);

    browser.page("/wall.html").call("post", new Counted("hello"));

    assertEquals(1, Counted.CONVERSIONS.get());
    for (ScriptSessionImpl page : open) {
      assertEquals(json("[\"hello\"]"), calls(page, 0).get(0).get("args"));
    }
  }

  @Test
  void scriptBufferArgumentsAreConvertedOncePerCall() {
    for (int i = 0; i < 50; i++) {
      pages.open("/wall.html");
    }
    Counted.CONVERSIONS.set(0);

    browser.send(ScriptBuffer.create().call("a", new Counted("1")).call("b", new Counted("2")));

    assertEquals(2, Counted.CONVERSIONS.get());
  }

  @Test
  void unconvertibleArgumentFailsTheCallAndQueuesNothing() {
    ScriptSessionImpl page = pages.open("/p");
    // JDK internals are never written field by field: the converter refuses them.
    assertThrows(RuntimeException.class, () -> browser.call("f", "fine", new java.util.concurrent.Semaphore(1)));
    assertEquals(0, page.queueStats().lastSeq());
  }

  @Test
  void queueStatsReflectQueuedCalls() {
    ScriptSessionImpl page = pages.open("/p");
    browser.call("f", 1);
    browser.call("f", 2);
    page.queue().acknowledge(1);

    var stats = page.queueStats();
    assertEquals(1, stats.depth());
    assertEquals(2, stats.lastSeq());
    assertEquals(1, stats.ackedSeq());
    assertEquals("\"fn\":\"f\",\"args\":[2]".length(), stats.bytes());
  }
}

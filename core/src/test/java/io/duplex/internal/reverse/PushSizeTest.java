package io.duplex.internal.reverse;

import static io.duplex.internal.reverse.TestPages.calls;
import static io.duplex.internal.reverse.TestPages.inCallFrom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.duplex.Browser;
import io.duplex.JsFunction;
import io.duplex.PushTooLargeException;
import io.duplex.ScriptBuffer;
import io.duplex.internal.reverse.fixtures.ChatPage;
import io.duplex.internal.reverse.fixtures.Message;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A push no queue could ever hold is refused to the Java caller; no page loses what it waits for. */
class PushSizeTest {
  private static final int LIMIT = 200;

  private final TestPages pages = new TestPages(b -> b.maxQueuedBytes(LIMIT));
  private final Browser browser = pages.manager.browser();

  @AfterEach
  void close() {
    pages.close();
  }

  @Test
  void aCallLargerThanMaxQueuedBytesIsRefusedAndQueuesKeepTheirEntries() {
    ScriptSessionImpl a = pages.open("/p");
    ScriptSessionImpl b = pages.open("/p");
    browser.call("waiting", 1);
    String big = "x".repeat(LIMIT);

    PushTooLargeException e =
        assertThrows(PushTooLargeException.class, () -> browser.page("/p").call("show", big));

    long size = ("\"fn\":\"show\",\"args\":[\"" + big + "\"]").length();
    assertEquals(size, e.size());
    assertEquals(LIMIT, e.limit());
    assertTrue(e.getMessage().contains(size + " bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("maxQueuedBytes (" + LIMIT + " bytes)"), e.getMessage());
    for (ScriptSessionImpl page : List.of(a, b)) {
      assertEquals(1, page.queueStats().lastSeq(), "nothing was queued");
      assertEquals(1, calls(page, 0).size(), "the waiting call is still there");
      assertFalse(page.queueStats().behind(), "no resync: nothing was dropped");
    }
  }

  @Test
  void aCallThatFitsExactlyIsQueued() {
    ScriptSessionImpl page = pages.open("/p");
    String prefix = "\"fn\":\"f\",\"args\":[\"";
    String fits = "x".repeat(LIMIT - prefix.length() - 2);
    browser.call("f", fits);
    assertEquals(LIMIT, page.queueStats().bytes());
    assertThrows(PushTooLargeException.class, () -> browser.call("f", fits + "x"));
    assertEquals(1, page.queueStats().lastSeq());
  }

  @Test
  void aProxyCallAndAFunctionHandleAreCheckedToo() {
    ScriptSessionImpl page = pages.open("/p");
    String big = "y".repeat(LIMIT);
    assertThrows(
        PushTooLargeException.class,
        () -> browser.page("/p").proxy(ChatPage.class).add(new Message(big, big)));
    assertEquals(0, page.queueStats().lastSeq());

    Gson gson =
        new GsonBuilder().registerTypeAdapterFactory(pages.manager.converterExtension()).create();
    JsFunction callback = inCallFrom(page, () -> gson.fromJson("{\"$fn\":\"f1\"}", JsFunction.class));
    assertThrows(PushTooLargeException.class, () -> callback.call(big));
    assertEquals(0, page.queueStats().lastSeq());
  }

  @Test
  void aScriptBufferLargerTogetherThanTheQueueQueuesNothing() {
    ScriptSessionImpl page = pages.open("/p");
    browser.call("waiting");
    String half = "z".repeat(LIMIT / 2);
    ScriptBuffer buffer = ScriptBuffer.create().call("a", half).call("b", half);

    PushTooLargeException e = assertThrows(PushTooLargeException.class, () -> browser.send(buffer));
    assertTrue(e.size() > LIMIT);
    assertEquals(1, page.queueStats().lastSeq());
    assertFalse(page.queueStats().behind());
  }
}

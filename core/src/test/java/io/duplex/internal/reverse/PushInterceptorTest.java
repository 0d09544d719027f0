package io.duplex.internal.reverse;

import static io.duplex.internal.reverse.TestPages.calls;
import static io.duplex.internal.reverse.TestPages.inCallFrom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.GsonBuilder;
import io.duplex.JsFunction;
import io.duplex.PushInterceptor;
import io.duplex.ScriptBuffer;
import io.duplex.internal.reverse.fixtures.ChatPage;
import io.duplex.internal.reverse.fixtures.Message;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Push interceptors: once per push, around the conversion, for every kind of push; veto and order. */
class PushInterceptorTest {
  private final TestPages pages = new TestPages(b -> b, Counted.ADAPTER);
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    pages.close();
  }

  private void intercept(PushInterceptor... interceptors) {
    pages.manager.usePushInterceptors(List.of(interceptors));
  }

  @Test
  void runsOncePerPushBeforeTheOneConversionAndSeesTargetFunctionAndArguments() {
    ScriptSessionImpl a = pages.open("/chat.html");
    ScriptSessionImpl b = pages.open("/chat.html");
    pages.open("/other.html");
    intercept(chain -> {
      seen.add(chain.target() + " " + chain.function() + chain.arguments() + " conversions=" + Counted.CONVERSIONS.get());
      int reached = chain.proceed();
      seen.add("reached " + reached + " conversions=" + Counted.CONVERSIONS.get());
      return reached;
    });
    int before = Counted.CONVERSIONS.get();

    int reached = pages.manager.browser().page("/chat.html").call("show", new Counted("x"), 2);

    assertEquals(2, reached);
    assertEquals(
        List.of(
            "pages where page=/chat.html show[Counted[text=x], 2] conversions=" + before,
            "reached 2 conversions=" + (before + 1)),
        seen);
    assertEquals(1, calls(a, 0).size());
    assertEquals(1, calls(b, 0).size());
  }

  @Test
  void aVetoQueuesAndConvertsNothingAndItsValueIsReturned() {
    ScriptSessionImpl page = pages.open("/chat.html");
    intercept(chain -> chain.function().startsWith("admin.") ? 0 : chain.proceed());
    int before = Counted.CONVERSIONS.get();

    assertEquals(0, pages.manager.browser().call("admin.reset", new Counted("secret")));
    assertEquals(1, pages.manager.browser().call("show", "ok"));

    assertEquals(before, Counted.CONVERSIONS.get());
    List<String> functions = calls(page, 0).stream().map(c -> c.get("fn").getAsString()).toList();
    assertEquals(List.of("show"), functions);
  }

  @Test
  void interceptorsRunInRegistrationOrderFirstOutermostAndAnExceptionReachesThePusher() {
    pages.open("/p");
    intercept(
        chain -> {
          seen.add("outer in");
          int reached = chain.proceed();
          seen.add("outer out");
          return reached;
        },
        chain -> {
          seen.add("inner");
          if (chain.arguments().contains("forbidden")) {
            throw new SecurityException("no");
          }
          return chain.proceed();
        });

    pages.manager.browser().call("show", "fine");
    assertThrows(SecurityException.class, () -> pages.manager.browser().call("show", "forbidden"));

    assertEquals(List.of("outer in", "inner", "outer out", "outer in", "inner"), seen);
  }

  @Test
  void proxiesScriptBuffersAndPageFunctionsPassToo() {
    ScriptSessionImpl page = pages.open("/chat.html");
    intercept(chain -> {
      seen.add(chain.function() + " x" + chain.calls().size() + " " + chain.target());
      return chain.proceed();
    });

    pages.manager.browser().page("/chat.html").proxy(ChatPage.class).add(new Message("ann", "hi"));
    pages.manager.browser().send(ScriptBuffer.create().call("a", 1).call("b", 2));
    JsFunction callback = inCallFrom(page, () -> new GsonBuilder()
        .registerTypeAdapterFactory(pages.manager.converterExtension()).create().fromJson("{\"$fn\":\"f7\"}", JsFunction.class));
    assertTrue(callback.call("done"));
    intercept(chain -> 0);
    assertFalse(callback.call("vetoed"));

    assertEquals(List.of("app.chat.add x1 pages where page=/chat.html", "a x2 all pages", "null x1 pages where session=(id)"), seen);
    assertEquals(4, calls(page, 0).size(), "add, a, b and the callback's one call");
  }

  @Test
  void asksPassTooAndAVetoedAskIsAnsweredVetoedWithNothingSent() throws Exception {
    ScriptSessionImpl page = pages.open("/p");
    intercept(chain -> {
      seen.add(chain.function() + chain.arguments());
      return chain.function().equals("secret") ? 0 : chain.proceed();
    });

    var asked = pages.manager.browser().ask(String.class, "question", 1);
    var vetoed = pages.manager.browser().askAll(String.class, "secret", 2);

    assertEquals(List.of("question[1]", "secret[2]"), seen);
    List<String> functions = calls(page, 0).stream().map(c -> c.get("fn").getAsString()).toList();
    assertEquals(List.of("question"), functions, "the vetoed ask was not sent");
    assertFalse(asked.isDone(), "waits for the page's answer");
    var answers = vetoed.get(5, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(1, answers.size());
    assertEquals(io.duplex.PageAnswerException.Reason.VETOED, answers.get(0).failure().reason());
    assertSame(page, answers.get(0).session());
  }

  @Test
  void proceedTwiceIsRefused() {
    pages.open("/p");
    intercept(chain -> {
      chain.proceed();
      return chain.proceed();
    });
    assertThrows(IllegalStateException.class, () -> pages.manager.browser().call("show"));
  }

  @Test
  void targetsAreThePushersNarrowing() {
    pages.open("/p", "h1", "ann");
    pages.open("/p", "h2", "bob");
    intercept(chain -> {
      seen.add(chain.targets().count() + " " + chain.target());
      return chain.proceed();
    });
    var targets = pages.manager.browser().user("ann");
    targets.call("show");
    assertSame(targets.getClass(), TargetQuery.class);
    assertEquals(List.of("1 pages where user=ann"), seen);
  }
}

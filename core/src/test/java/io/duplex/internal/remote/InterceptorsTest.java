package io.duplex.internal.remote;

import static io.duplex.internal.remote.Calls.error;
import static io.duplex.internal.remote.Calls.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.CallContext;
import io.duplex.CallInterceptor;
import io.duplex.ClientVisible;
import io.duplex.Duplex;
import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import io.duplex.internal.protocol.CallOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Interceptors run around the exposed method, in order, and can refuse, observe or replace. */
class InterceptorsTest {

  @ClientVisible(code = "NOT_ALLOWED_HERE")
  public static class NotAllowed extends RuntimeException {
    public NotAllowed(String message) {
      super(message);
    }
  }

  @RemoteService(name = "Chat")
  public static class Chat {
    final List<String> sent = new ArrayList<>();
    final CompletableFuture<String> later = new CompletableFuture<>();

    @RemoteMethod public String send(String text, CallContext context) {
      sent.add(text);
      return "sent " + text;
    }

    @RemoteMethod public CompletableFuture<String> later() { return later; }

    @RemoteMethod(roles = "admin") public void wipe() { sent.clear(); }
  }

  private final Chat chat = new Chat();
  private final List<String> trace = new ArrayList<>();

  private Calls calls(CallInterceptor... interceptors) {
    Duplex.Builder builder = Duplex.builder().expose(Chat.class, () -> chat);
    for (CallInterceptor interceptor : interceptors) {
      builder.intercept(interceptor);
    }
    return Calls.of(builder);
  }

  private CallInterceptor named(String name) {
    return chain -> {
      trace.add(name + ">");
      Object result = chain.proceed();
      trace.add("<" + name);
      return result;
    };
  }

  @Test
  void interceptorsRunInOrderAroundTheMethodAndSeeTheConvertedCall() {
    List<Object> seen = new ArrayList<>();
    Calls calls =
        calls(
            named("a"),
            chain -> {
              seen.add(chain.service());
              seen.add(chain.method());
              seen.add(chain.javaMethod().getName());
              seen.add(chain.arguments().get(0));
              seen.add(chain.arguments().get(1) == chain.context());
              seen.add(chain.context().user().getName());
              seen.add(CallContext.current() == chain.context());
              return chain.proceed();
            },
            named("b"));

    CallOutcome outcome = calls.call(TestContext.user("ann").build(), "Chat", "send", "[\"hi\"]");

    assertEquals("sent hi", value(outcome));
    assertEquals(List.of("a>", "b>", "<b", "<a"), trace);
    assertEquals(List.of("Chat", "send", "send", "hi", true, "ann", true), seen);
  }

  @Test
  void aClientVisibleExceptionFromAnInterceptorReachesThePageAndTheMethodDoesNotRun() {
    Calls calls = calls(chain -> {
      if (chain.context().user() == null) {
        throw new NotAllowed("sign in to chat");
      }
      return chain.proceed();
    });

    assertEquals("sign in to chat", error(calls.call("Chat", "send", "[\"hi\"]"), "NOT_ALLOWED_HERE"));
    assertTrue(chat.sent.isEmpty());
    assertEquals("sent ok", value(calls.call(TestContext.user("ann").build(), "Chat", "send", "[\"ok\"]")));
  }

  @Test
  void anyOtherExceptionFromAnInterceptorIsAServerErrorWithoutItsMessage() {
    Calls calls = calls(chain -> { throw new java.io.IOException("audit store down"); });

    String message = error(calls.call("Chat", "send", "[\"hi\"]"), "SERVER_ERROR");
    assertFalse(message.contains("audit store"), message);
  }

  @Test
  void anInterceptorMayReplaceTheResult() {
    Calls calls = calls(chain -> ((String) chain.proceed()).toUpperCase());

    assertEquals("SENT HI", value(calls.call("Chat", "send", "[\"hi\"]")));
  }

  @Test
  void forAnAsynchronousMethodProceedReturnsTheStageBeforeItCompletes() {
    List<Object> seen = new ArrayList<>();
    Calls calls = calls(chain -> {
      Object stage = chain.proceed();
      seen.add(stage);
      ((CompletionStage<?>) stage).whenComplete((value, failure) -> seen.add(value));
      return stage;
    });

    CompletableFuture<CallOutcome> pending = calls.start(TestContext.anonymous().build(), "Chat", "later", "[]");
    assertEquals(List.of(chat.later), seen);
    assertFalse(pending.isDone());
    chat.later.complete("done");
    assertEquals("done", value(pending.join()));
    assertEquals(List.of(chat.later, "done"), seen);
  }

  @Test
  void callsRefusedBeforeTheMethodDoNotReachInterceptors() {
    Calls calls = calls(named("a"));

    error(calls.call("Chat", "wipe", "[]"), "UNAUTHENTICATED");
    error(calls.call("Chat", "send", "[]"), "UNKNOWN_METHOD");
    error(calls.call("Chat", "send", "[{}]"), "BAD_ARGUMENTS");
    assertEquals(List.of(), trace);
  }

  @Test
  void withoutInterceptorsTheMethodIsCalledDirectly() {
    Calls calls = calls();
    assertEquals("sent x", value(calls.call("Chat", "send", "[\"x\"]")));
  }
}

package io.duplex.internal.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.duplex.Duplex;
import io.duplex.internal.DuplexRuntime;
import io.duplex.internal.protocol.Call;
import io.duplex.internal.protocol.CallOutcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs forward calls through a real {@link Duplex} the way the servlet will. */
final class Calls {
  private final DuplexRuntime runtime;

  private Calls(DuplexRuntime runtime) {
    this.runtime = runtime;
  }

  static Calls of(Duplex.Builder builder) {
    return of(DuplexRuntime.of(builder.build()));
  }

  static Calls of(DuplexRuntime runtime) {
    return new Calls(runtime);
  }

  static Calls of(Class<?>... annotated) {
    Duplex.Builder builder = Duplex.builder();
    for (Class<?> type : annotated) {
      builder.expose(type);
    }
    return of(builder);
  }

  ServiceRegistry registry() {
    return runtime.registry();
  }

  CompletableFuture<CallOutcome> start(InvocationContext context, String service, String method, String args) {
    return runtime.dispatcher().invoke(new Call(7, service, method, JsonParser.parseString(args).getAsJsonArray()), context);
  }

  CallOutcome call(InvocationContext context, String service, String method, String args) {
    try {
      CallOutcome outcome = start(context, service, method, args).get(10, TimeUnit.SECONDS);
      assertEquals(7, outcome.id());
      return outcome;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  CallOutcome call(String service, String method, String args) {
    return call(TestContext.anonymous().build(), service, method, args);
  }

  /** The value of a successful call. */
  static Object value(CallOutcome outcome) {
    assertFalse(outcome.failed(), () -> "failed: " + outcome.error());
    assertFalse(outcome.isVoid(), "void outcome");
    return outcome.value();
  }

  static void assertEmpty(CallOutcome outcome) {
    assertFalse(outcome.failed(), () -> "failed: " + outcome.error());
    assertTrue(outcome.isVoid(), () -> "not void: " + outcome.value());
    assertNull(outcome.value());
  }

  /** Asserts the code and returns the message. */
  static String error(CallOutcome outcome, String code) {
    assertNotNull(outcome.error(), () -> "succeeded with " + outcome.value());
    assertEquals(code, outcome.error().code(), () -> "error " + outcome.error());
    return outcome.error().message();
  }
}

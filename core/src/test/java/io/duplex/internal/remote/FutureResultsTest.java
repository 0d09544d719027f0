package io.duplex.internal.remote;

import static io.duplex.internal.remote.Calls.assertEmpty;
import static io.duplex.internal.remote.Calls.error;
import static io.duplex.internal.remote.Calls.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.reflect.TypeToken;
import io.duplex.ClientVisible;
import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import io.duplex.internal.protocol.CallOutcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Methods returning futures do not hold the caller; the outcome follows the future. */
class FutureResultsTest {

  @ClientVisible(code = "LATE")
  public static class LateException extends RuntimeException {
    public LateException(String message) {
      super(message);
    }
  }

  @RemoteService(name = "Async")
  public static class AsyncService {
    final CompletableFuture<List<String>> names = new CompletableFuture<>();
    final CompletableFuture<Void> done = new CompletableFuture<>();

    @RemoteMethod public CompletableFuture<List<String>> names() { return names; }

    @RemoteMethod public CompletionStage<Void> done() { return done; }

    @RemoteMethod public CompletableFuture<String> nothing() { return CompletableFuture.completedFuture(null); }

    @RemoteMethod public CompletableFuture<Integer> late() { return CompletableFuture.failedFuture(new LateException("too late")); }

    @RemoteMethod public CompletableFuture<Integer> broken() { return CompletableFuture.failedFuture(new IllegalStateException("secret")); }

    @RemoteMethod public List<Integer> plain() { return List.of(1, 2); }

    @RemoteMethod public void act() {}

    @RemoteMethod public String absent() { return null; }
  }

  private final AsyncService service = new AsyncService();
  private final Calls calls =
      Calls.of(io.duplex.Duplex.builder().expose(AsyncService.class, () -> service));

  @Test
  void outcomeCompletesWhenTheFutureDoesWithItsTypeArgument() throws Exception {
    CompletableFuture<CallOutcome> pending = calls.start(TestContext.anonymous().build(), "Async", "names", "[]");
    assertFalse(pending.isDone(), "the dispatcher must not wait for the method's future");
    service.names.complete(List.of("ann", "bob"));
    CallOutcome outcome = pending.get(10, TimeUnit.SECONDS);
    assertEquals(List.of("ann", "bob"), value(outcome));
    assertEquals(new TypeToken<List<String>>() {}.getType(), outcome.valueType());
  }

  @Test
  void futureOfVoidCompletingWithNullHasNoValue() throws Exception {
    CompletableFuture<CallOutcome> pending = calls.start(TestContext.anonymous().build(), "Async", "done", "[]");
    assertFalse(pending.isDone());
    service.done.complete(null);
    assertEmpty(pending.get(10, TimeUnit.SECONDS));
  }

  @Test
  void futureOfAValueCompletingWithNullIsANullValue() {
    CallOutcome outcome = calls.call("Async", "nothing", "[]");
    assertNull(value(outcome));
    assertEquals(String.class, outcome.valueType());
  }

  @Test
  void failedFutureIsMappedLikeAThrownException() {
    assertEquals("too late", error(calls.call("Async", "late", "[]"), "LATE"));
    String message = error(calls.call("Async", "broken", "[]"), "SERVER_ERROR");
    assertFalse(message.contains("secret"), message);
  }

  @Test
  void futureFailingLaterIsMappedWhenItFails() throws Exception {
    CompletableFuture<CallOutcome> pending = calls.start(TestContext.anonymous().build(), "Async", "names", "[]");
    service.names.completeExceptionally(new LateException("gave up"));
    assertEquals("gave up", error(pending.get(10, TimeUnit.SECONDS), "LATE"));
  }

  @Test
  void plainResultsCarryTheGenericReturnType() {
    CallOutcome outcome = calls.call("Async", "plain", "[]");
    assertEquals(List.of(1, 2), value(outcome));
    assertEquals(new TypeToken<List<Integer>>() {}.getType(), outcome.valueType());
  }

  @Test
  void voidMethodHasNoValueAndNullReturnIsANullValue() {
    assertEmpty(calls.call("Async", "act", "[]"));
    CallOutcome absent = calls.call("Async", "absent", "[]");
    assertNull(value(absent));
    assertTrue(absent.valueType() == String.class);
  }
}

package io.duplex.servlet;

import static io.duplex.servlet.DuplexTestClient.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.servlet.DuplexTestClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Methods returning CompletableFuture: the request goes async and its thread is free while the
 * future is pending. The server runs with a deliberately small thread pool.
 */
class AsyncCallsTest {
  private static final int THREADS = 10;
  @RegisterExtension
  static final RunningServer app =
      new RunningServer(
          () -> Duplex.builder().expose(TestServices.Async.class).expose(TestServices.Echo.class).build(),
          duplex -> TestServer.builder().duplex(duplex).maxThreads(THREADS).start());

  private static String key() {
    return UUID.randomUUID().toString();
  }

  @Test
  void aFutureCompletedLaterFromAnotherThreadAnswersTheCall() {
    DuplexTestClient page = app.server().client().handshake("/async.html");
    assertEquals("done", page.value("Async", "later", "done", 50).getAsString());
    assertFalse(page.call("Async", "voidLater", 20).has("value"), "CompletableFuture<Void>: no value");
    JsonObject failed = page.call("Async", "failLater", 20).getAsJsonObject("error");
    assertEquals("REFUSED", failed.get("code").getAsString());
    assertEquals("too late", failed.get("message").getAsString());
  }

  @Test
  void oneCallCanWaitForAnotherRequest() throws Exception {
    DuplexTestClient waiter = app.server().client().handshake("/async.html");
    DuplexTestClient releaser = app.server().client().handshake("/async.html");
    String key = key();
    CompletableFuture<Response> waiting = waiter.batchAsync(call(1, "Async", "waitFor", key));
    Await.until(() -> TestServices.Async.isAwaited(key), "the call to wait");
    assertFalse(waiting.isDone());
    assertTrue(releaser.value("Async", "release", key, "hello").getAsBoolean());
    Response answered = waiting.get(30, TimeUnit.SECONDS);
    assertEquals("hello", answered.results().get(0).getAsJsonObject().get("value").getAsString());
  }

  @Test
  void aLaterCallOfTheSameBatchCanCompleteAnEarlierOnesFuture() {
    DuplexTestClient page = app.server().client().handshake("/async.html");
    String key = key();
    Response r = page.batch(call(1, "Async", "waitFor", key), call(2, "Async", "release", key, "sequenced"), call(3, "Echo", "echo", "sync"));
    JsonArray results = r.results();
    assertEquals("sequenced", results.get(0).getAsJsonObject().get("value").getAsString());
    assertTrue(results.get(1).getAsJsonObject().get("value").getAsBoolean());
    assertEquals("sync", results.get(2).getAsJsonObject().get("value").getAsString());
  }

  @Test
  void waitingCallsDoNotHoldRequestThreads() throws Exception {
    int waiters = THREADS * 3;
    DuplexTestClient releaser = app.server().client().handshake("/async.html");
    List<String> keys = new ArrayList<>();
    List<CompletableFuture<Response>> waiting = new ArrayList<>();
    for (int i = 0; i < waiters; i++) {
      String key = key();
      keys.add(key);
      DuplexTestClient waiter = app.server().client().handshake("/async.html");
      waiting.add(waiter.batchAsync(call(1, "Async", "waitFor", key)));
    }
    Await.until(() -> keys.stream().allMatch(TestServices.Async::isAwaited), "every call to wait");
    assertTrue(waiting.stream().noneMatch(CompletableFuture::isDone));
    // Three times more calls wait than there are threads; the releases are still served.
    for (int i = 0; i < waiters; i++) {
      releaser.value("Async", "release", keys.get(i), "v" + i);
    }
    for (int i = 0; i < waiters; i++) {
      Response r = waiting.get(i).get(30, TimeUnit.SECONDS);
      assertEquals("v" + i, r.results().get(0).getAsJsonObject().get("value").getAsString());
    }
  }

  @Test
  void piggybackedReverseCallsQueuedWhileWaitingAreIncluded() {
    DuplexTestClient page = app.server().client().handshake("/async.html");
    String key = key();
    CompletableFuture<Response> waiting = page.batchAsync(call(1, "Async", "waitFor", key));
    Await.until(() -> TestServices.Async.isAwaited(key), "the call to wait");
    app.duplex().browser().session(page.session()).call("app.queuedMeanwhile");
    app.server().client().handshake("/async.html").value("Async", "release", key, "x");
    Response r = waiting.join();
    assertEquals("app.queuedMeanwhile",
        r.json().getAsJsonObject("reverse").getAsJsonArray("calls").get(0).getAsJsonObject().get("fn").getAsString());
  }
}

package io.duplex.internal.remote;

import static io.duplex.internal.remote.Calls.error;
import static io.duplex.internal.remote.Calls.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.ClientVisible;
import io.duplex.Duplex;
import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import io.duplex.Scope;
import io.duplex.internal.protocol.CallOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Each scope shares an instance exactly as widely as it says. */
class ScopesTest {
  static final AtomicInteger CREATED = new AtomicInteger();

  /** Returns its own identity, so tests can tell instances apart. */
  public abstract static class Identified {
    private final int id = CREATED.incrementAndGet();

    @RemoteMethod
    public int id() { return id; }
  }

  @RemoteService(name = "App")
  public static class AppScoped extends Identified {}

  @RemoteService(name = "Http", scope = Scope.HTTP_SESSION)
  public static class HttpScoped extends Identified {}

  @RemoteService(name = "Page", scope = Scope.SCRIPT_SESSION)
  public static class PageScoped extends Identified {}

  @RemoteService(name = "Req", scope = Scope.REQUEST)
  public static class RequestScoped extends Identified {}

  private final Calls calls = Calls.of(AppScoped.class, HttpScoped.class, PageScoped.class, RequestScoped.class);

  private int id(InvocationContext context, String service) {
    return (Integer) value(calls.call(context, service, "id", "[]"));
  }

  @Test
  void applicationScopeIsCreatedOnFirstCallAndShared() {
    int before = CREATED.get();
    Calls fresh = Calls.of(AppScoped.class);
    assertEquals(before, CREATED.get(), "created before any call");
    int first = (Integer) value(fresh.call(TestContext.anonymous().build(), "App", "id", "[]"));
    int second = (Integer) value(fresh.call(TestContext.user("other").page(new TestContext.Page("p2")).build(), "App", "id", "[]"));
    assertEquals(first, second);
  }

  public static class Slow {
    static final AtomicInteger CONSTRUCTED = new AtomicInteger();
    static volatile CountDownLatch release;

    public Slow() throws InterruptedException {
      CONSTRUCTED.incrementAndGet();
      release.await(10, TimeUnit.SECONDS);
    }

    public int ping() { return 1; }
  }

  @Test
  void applicationScopeIsCreatedOnceUnderConcurrentFirstCalls() throws Exception {
    Slow.CONSTRUCTED.set(0);
    Slow.release = new CountDownLatch(1);
    Calls slow = Calls.of(Duplex.builder().expose("Slow", Slow.class, () -> {
      try {
        return new Slow();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }).methods("ping").and());
    List<Thread> threads = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(4, task -> {
      Thread thread = new Thread(task);
      synchronized (threads) {
        threads.add(thread);
      }
      return thread;
    });
    try {
      List<Future<CallOutcome>> outcomes = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        outcomes.add(pool.submit(() -> slow.call("Slow", "ping", "[]")));
      }
      // Release the first constructor once the other three callers are blocked behind it (or, were
      // creation not guarded, have started constructors of their own).
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline && Slow.CONSTRUCTED.get() < 4 && blocked(threads) < 3) {
        Thread.onSpinWait();
      }
      Slow.release.countDown();
      for (Future<CallOutcome> outcome : outcomes) {
        assertEquals(1, value(outcome.get(10, TimeUnit.SECONDS)));
      }
      assertEquals(1, Slow.CONSTRUCTED.get());
    } finally {
      pool.shutdownNow();
    }
  }

  private static int blocked(List<Thread> threads) {
    synchronized (threads) {
      return (int) threads.stream().filter(t -> t.getState() == Thread.State.BLOCKED).count();
    }
  }

  @Test
  void httpSessionScopeIsOneInstancePerHttpSession() {
    MapAttributeStore ann = new MapAttributeStore();
    MapAttributeStore bob = new MapAttributeStore();
    int annFirst = id(TestContext.anonymous().httpSession(ann).build(), "Http");
    int annOtherPage = id(TestContext.anonymous().httpSession(ann).page(new TestContext.Page("p2")).build(), "Http");
    int bobs = id(TestContext.anonymous().httpSession(bob).build(), "Http");
    assertEquals(annFirst, annOtherPage);
    assertNotEquals(annFirst, bobs);
    assertTrue(ann.get("io.duplex.service.Http") instanceof HttpScoped);
  }

  @Test
  void httpSessionScopeWithoutHttpSessionIsAServerError() {
    String message = error(calls.call(TestContext.anonymous().httpSession(null).build(), "Http", "id", "[]"), "SERVER_ERROR");
    assertTrue(message.startsWith("Internal error (incident "), message);
  }

  @Test
  void scriptSessionScopeIsOneInstancePerPage() {
    MapAttributeStore http = new MapAttributeStore();
    TestContext.Page page1 = new TestContext.Page("p1");
    TestContext.Page page2 = new TestContext.Page("p2");
    int first = id(TestContext.anonymous().httpSession(http).page(page1).build(), "Page");
    int again = id(TestContext.anonymous().httpSession(http).page(page1).build(), "Page");
    int otherTab = id(TestContext.anonymous().httpSession(http).page(page2).build(), "Page");
    assertEquals(first, again);
    assertNotEquals(first, otherTab);
    assertTrue(page1.getAttribute("io.duplex.service.Page") instanceof PageScoped);
  }

  @Test
  void requestScopeIsSharedWithinOneRequestOnly() {
    InvocationContext batch = TestContext.anonymous().build();
    int first = id(batch, "Req");
    int sameBatch = id(batch, "Req");
    int nextRequest = id(TestContext.anonymous().build(), "Req");
    assertEquals(first, sameBatch);
    assertNotEquals(first, nextRequest);
  }

  @Test
  void requestScopeWithoutRequestStoreMakesAnInstancePerCall() {
    InvocationContext bare = TestContext.anonymous().request(null).build();
    assertNotEquals(id(bare, "Req"), id(bare, "Req"));
  }

  @ClientVisible(code = "SHOULD_NOT_SHOW")
  public static class VisibleFailure extends RuntimeException {
    public VisibleFailure(String message) {
      super(message);
    }
  }

  public static class Fragile {
    public int ping() { return 1; }
  }

  @Test
  void failingFactoryIsAServerErrorEvenForClientVisibleExceptions() {
    AtomicInteger attempts = new AtomicInteger();
    Calls fragile = Calls.of(Duplex.builder().expose("Fragile", Fragile.class, () -> {
      if (attempts.incrementAndGet() == 1) {
        throw new VisibleFailure("database password is hunter2");
      }
      return new Fragile();
    }).methods("ping").and());
    String message = error(fragile.call("Fragile", "ping", "[]"), "SERVER_ERROR");
    assertTrue(!message.contains("hunter2"), message);
    assertEquals(1, value(fragile.call("Fragile", "ping", "[]")), "a failed creation is retried");
  }

  @RemoteService(name = "Throws")
  public static class ThrowingConstructor {
    public ThrowingConstructor() {
      throw new IllegalStateException("no config");
    }

    @RemoteMethod public int ping() { return 1; }
  }

  @Test
  void failingConstructorIsAServerError() {
    error(Calls.of(ThrowingConstructor.class).call("Throws", "ping", "[]"), "SERVER_ERROR");
  }

  @Test
  void factoryReturningNullIsAServerError() {
    Calls nothing = Calls.of(Duplex.builder().expose("Nothing", Fragile.class, () -> null).methods("ping").and());
    error(nothing.call("Nothing", "ping", "[]"), "SERVER_ERROR");
  }
}

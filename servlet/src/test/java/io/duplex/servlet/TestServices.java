package io.duplex.servlet;

import io.duplex.CallContext;
import io.duplex.ClientVisible;
import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import io.duplex.Scope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Services the servlet tests expose; each exercises one path through the servlet. */
public final class TestServices {
  private TestServices() {}

  /** A bean whose graph never ends: converting it must fail without harming the response. */
  public static final class Loop {
    public String name = "loop";
    public Loop next;

    static Loop cycle() {
      Loop a = new Loop();
      Loop b = new Loop();
      a.next = b;
      b.next = a;
      return a;
    }
  }

  @ClientVisible(code = "REFUSED")
  public static final class Refused extends RuntimeException {
    public Refused(String message) {
      super(message);
    }
  }

  @ClientVisible
  public static final class Visible extends RuntimeException {
    public Visible(String message) {
      super(message);
    }
  }

  @RemoteService(name = "Echo")
  public static class Echo {
    @RemoteMethod
    public String echo(String text) {
      return text;
    }

    @RemoteMethod
    public int add(int a, int b) {
      return a + b;
    }

    @RemoteMethod
    public List<Integer> list(List<Integer> values) {
      return values;
    }

    @RemoteMethod
    public void nothing() {}

    @RemoteMethod
    public String nullValue() {
      return null;
    }

    @RemoteMethod
    public String fail() {
      throw new IllegalStateException("secret detail of com.example.internal.Vault");
    }

    @RemoteMethod
    public void refuse() {
      throw new Refused("not today");
    }

    @RemoteMethod
    public void visible() {
      throw new Visible("you may read this");
    }

    @RemoteMethod
    public Loop loop() {
      return Loop.cycle();
    }

    @RemoteMethod(roles = "admin")
    public String adminOnly() {
      return "admin ok";
    }

    @RemoteMethod
    public String header(HttpServletRequest request, String name) {
      return request.getHeader(name);
    }

    @RemoteMethod
    public String user(CallContext context) {
      return context.user() == null ? null : context.user().getName();
    }

    @RemoteMethod
    public String httpSessionId(HttpSession session) {
      return session.getId();
    }

    @RemoteMethod
    public String page() {
      return CallContext.current().page();
    }

    @RemoteMethod
    public String changeSessionId(HttpServletRequest request) {
      return request.changeSessionId();
    }

    @RemoteMethod
    public void invalidateHttpSession(HttpSession session) {
      session.invalidate();
    }

    /** Public but not exposed: must be UNKNOWN_METHOD. */
    public String hidden() {
      return "should never run";
    }
  }

  @RemoteService(name = "Counter")
  public static class Counter {
    public static final AtomicInteger COUNT = new AtomicInteger();

    @RemoteMethod
    public int increment() {
      return COUNT.incrementAndGet();
    }
  }

  /** One instance per HTTP session: its id tells which instance served a call. */
  @RemoteService(name = "Basket", scope = Scope.HTTP_SESSION)
  public static class Basket {
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private final int instance = INSTANCES.incrementAndGet();

    public Basket() {
      try {
        // Widens the window in which two first calls could both create an instance.
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @RemoteMethod
    public int instance() {
      return instance;
    }
  }

  /** Calls whose results arrive later, from other threads. */
  @RemoteService(name = "Async")
  public static class Async {
    private static final Map<String, CompletableFuture<String>> WAITING = new ConcurrentHashMap<>();
    private static final Set<String> AWAITED = ConcurrentHashMap.newKeySet();
    private static final ScheduledExecutorService TIMER =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "test-async-timer");
              t.setDaemon(true);
              return t;
            });

    static CompletableFuture<String> future(String key) {
      return WAITING.computeIfAbsent(key, k -> new CompletableFuture<>());
    }

    /** Whether a call of {@link #waitFor} with this key has started. */
    public static boolean isAwaited(String key) {
      return AWAITED.contains(key);
    }

    /** Completes when someone calls {@link #release} with the same key. */
    @RemoteMethod
    public CompletableFuture<String> waitFor(String key) {
      CompletableFuture<String> future = future(key);
      AWAITED.add(key);
      return future;
    }

    @RemoteMethod
    public boolean release(String key, String value) {
      return future(key).complete(value);
    }

    @RemoteMethod
    public CompletableFuture<String> later(String value, int millis) {
      CompletableFuture<String> result = new CompletableFuture<>();
      TIMER.schedule(() -> result.complete(value), millis, TimeUnit.MILLISECONDS);
      return result;
    }

    @RemoteMethod
    public CompletableFuture<String> failLater(int millis) {
      CompletableFuture<String> result = new CompletableFuture<>();
      TIMER.schedule(() -> result.completeExceptionally(new Refused("too late")), millis, TimeUnit.MILLISECONDS);
      return result;
    }

    @RemoteMethod
    public CompletableFuture<Void> voidLater(int millis) {
      CompletableFuture<Void> result = new CompletableFuture<>();
      TIMER.schedule(() -> result.complete(null), millis, TimeUnit.MILLISECONDS);
      return result;
    }
  }
}

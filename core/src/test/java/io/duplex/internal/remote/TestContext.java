package io.duplex.internal.remote;

import io.duplex.QueueStats;
import io.duplex.ScriptSession;
import io.duplex.Targets;
import java.security.Principal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Builds the {@link InvocationContext} a transport would make for one request. */
final class TestContext {
  private String user;
  private Set<String> roles = Set.of();
  private ScriptSession page = new Page("page-1");
  private AttributeStore httpSession = new MapAttributeStore();
  private AttributeStore request = new MapAttributeStore();
  private final Map<Class<?>, Object> injectables = new HashMap<>();

  static TestContext anonymous() {
    return new TestContext();
  }

  static TestContext user(String name, String... roles) {
    TestContext context = new TestContext();
    context.user = name;
    context.roles = Set.of(roles);
    return context;
  }

  TestContext page(ScriptSession page) {
    this.page = page;
    return this;
  }

  TestContext httpSession(AttributeStore store) {
    this.httpSession = store;
    return this;
  }

  TestContext request(AttributeStore store) {
    this.request = store;
    return this;
  }

  <T> TestContext inject(Class<T> type, T value) {
    injectables.put(type, value);
    return this;
  }

  InvocationContext build() {
    Principal principal = user == null ? null : () -> user;
    return new InvocationContext(page, principal, roles::contains, httpSession, request, injectables);
  }

  /** A script session with working attributes; the rest is not needed by forward calls. */
  static final class Page implements ScriptSession {
    private final String id;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();

    Page(String id) {
      this.id = id;
    }

    @Override public String id() { return id; }
    @Override public String page() { return "/test.html"; }
    @Override public Instant createdAt() { return Instant.EPOCH; }
    @Override public Instant lastSeenAt() { return Instant.EPOCH; }
    @Override public String httpSessionId() { return "http-1"; }
    @Override public String user() { return null; }
    @Override public Object getAttribute(String name) { return attributes.get(name); }
    @Override public void setAttribute(String name, Object value) { attributes.put(name, value); }
    @Override public Object removeAttribute(String name) { return attributes.remove(name); }
    @Override public boolean isValid() { return true; }
    @Override public void invalidate() { throw new UnsupportedOperationException(); }
    @Override public QueueStats queueStats() { throw new UnsupportedOperationException(); }
    @Override public Targets target() { throw new UnsupportedOperationException(); }
  }
}

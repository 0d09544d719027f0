package io.duplex.servlet.internal.call;

import io.duplex.internal.remote.AttributeStore;
import jakarta.servlet.http.HttpSession;
import java.util.function.Supplier;

/** HTTP_SESSION scope: attributes of the HTTP session, created at most once per session. */
final class HttpSessionAttributes implements AttributeStore {
  private final HttpSession session;
  private final Object lock;

  HttpSessionAttributes(HttpSession session, Object lock) {
    this.session = session;
    this.lock = lock;
  }

  @Override
  public Object get(String name) {
    return session.getAttribute(name);
  }

  @Override
  public void set(String name, Object value) {
    session.setAttribute(name, value);
  }

  @Override
  public Object computeIfAbsent(String name, Supplier<?> factory) {
    Object value = session.getAttribute(name);
    if (value != null) {
      return value;
    }
    synchronized (lock) {
      value = session.getAttribute(name);
      if (value == null) {
        value = factory.get();
        session.setAttribute(name, value);
      }
      return value;
    }
  }
}

package io.duplex.servlet.internal.call;

import io.duplex.internal.remote.AttributeStore;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * REQUEST scope: lives for one HTTP request (one batch). Held apart from the servlet request's own
 * attributes because futures may touch it after the container has recycled the request.
 */
final class RequestAttributes implements AttributeStore {
  private volatile ConcurrentHashMap<String, Object> values;

  private ConcurrentHashMap<String, Object> values() {
    ConcurrentHashMap<String, Object> v = values;
    if (v == null) {
      synchronized (this) {
        v = values;
        if (v == null) {
          values = v = new ConcurrentHashMap<>(4);
        }
      }
    }
    return v;
  }

  @Override
  public Object get(String name) {
    ConcurrentHashMap<String, Object> v = values;
    return v == null ? null : v.get(name);
  }

  @Override
  public void set(String name, Object value) {
    if (value == null) {
      values().remove(name);
    } else {
      values().put(name, value);
    }
  }

  @Override
  public Object computeIfAbsent(String name, Supplier<?> factory) {
    return values().computeIfAbsent(name, n -> factory.get());
  }
}

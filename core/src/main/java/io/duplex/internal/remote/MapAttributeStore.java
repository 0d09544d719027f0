package io.duplex.internal.remote;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * An {@link AttributeStore} over a concurrent map: the request store of one batch, and the stores
 * of transports that have no container attributes (tests, benchmarks).
 */
public final class MapAttributeStore implements AttributeStore {
  private final Map<String, Object> values = new ConcurrentHashMap<>();

  @Override
  public Object get(String name) {
    return values.get(name);
  }

  @Override
  public void set(String name, Object value) {
    if (value == null) {
      values.remove(name);
    } else {
      values.put(name, value);
    }
  }

  @Override
  public Object computeIfAbsent(String name, Supplier<?> factory) {
    return values.computeIfAbsent(name, key -> factory.get());
  }
}

package io.duplex.internal.remote;

import java.util.function.Supplier;

/** Named objects kept by a container scope (an HTTP session, a request). */
public interface AttributeStore {
  Object get(String name);

  void set(String name, Object value);

  /** The value under {@code name}, created once with {@code factory} if absent (atomically). */
  Object computeIfAbsent(String name, Supplier<?> factory);
}

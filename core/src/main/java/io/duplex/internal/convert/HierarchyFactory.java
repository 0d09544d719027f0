package io.duplex.internal.convert;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes a registered factory cover the subtypes of the types it claims. Fields and elements are
 * written by the value's runtime class, so a factory for an interface (JsFunction) would otherwise
 * be bypassed for its implementation classes, which would then be written as beans instead.
 */
final class HierarchyFactory implements TypeAdapterFactory {
  private final TypeAdapterFactory factory;

  HierarchyFactory(TypeAdapterFactory factory) {
    this.factory = factory;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
    TypeAdapter<T> adapter = factory.create(gson, type);
    if (adapter != null) {
      return adapter;
    }
    Class<?> raw = type.getRawType();
    if (raw.isPrimitive() || raw.isArray() || raw == Object.class) {
      return null;
    }
    for (Class<?> supertype : supertypes(raw)) {
      TypeAdapter<?> inherited = factory.create(gson, TypeToken.get(supertype));
      if (inherited != null) {
        return (TypeAdapter<T>) inherited;
      }
    }
    return null;
  }

  /** Superclasses and interfaces of {@code raw}, nearest first, without Object. */
  private static List<Class<?>> supertypes(Class<?> raw) {
    Set<Class<?>> seen = new HashSet<>();
    Deque<Class<?>> queue = new ArrayDeque<>();
    List<Class<?>> order = new ArrayList<>();
    queue.add(raw);
    while (!queue.isEmpty()) {
      Class<?> next = queue.poll();
      Class<?> superclass = next.getSuperclass();
      if (superclass != null && superclass != Object.class && seen.add(superclass)) {
        order.add(superclass);
        queue.add(superclass);
      }
      for (Class<?> implemented : next.getInterfaces()) {
        if (seen.add(implemented)) {
          order.add(implemented);
          queue.add(implemented);
        }
      }
    }
    return order;
  }
}

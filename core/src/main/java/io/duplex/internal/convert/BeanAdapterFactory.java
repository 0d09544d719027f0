package io.duplex.internal.convert;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts beans (data classes other than records) by their public surface ({@link
 * BeanProperties}) instead of gson's field-by-field reflection, which would write private state
 * such as a password hash and let a browser set any private field. Records stay with gson, by their
 * components. The property list and each property's adapter are worked out once per type (gson
 * caches the adapter this factory returns).
 */
final class BeanAdapterFactory implements TypeAdapterFactory {

  @Override
  public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
    Class<?> raw = type.getRawType();
    if (raw.isRecord() || !ShapeGuardFactory.isDataClass(raw)) {
      return null;
    }
    BeanProperties properties = BeanProperties.of(type.getType(), raw);
    return new BeanAdapter<>(gson, properties, constructor(raw));
  }

  /** The no-argument constructor, or null (ShapeGuardFactory refuses such beans on input). */
  private static Constructor<?> constructor(Class<?> raw) {
    try {
      Constructor<?> c = raw.getDeclaredConstructor();
      c.trySetAccessible();
      return c;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static final class BeanAdapter<T> extends TypeAdapter<T> {
    private final List<BeanProperties.Readable> readable;
    private final List<TypeAdapter<Object>> writeAdapters;
    private final Map<String, BeanProperties.Writable> writable;
    private final Map<String, TypeAdapter<Object>> readAdapters;
    private final Constructor<?> constructor;

    @SuppressWarnings("unchecked")
    BeanAdapter(Gson gson, BeanProperties properties, Constructor<?> constructor) {
      this.readable = properties.readable();
      this.writeAdapters =
          readable.stream()
              .map(
                  p ->
                      RuntimeTypeAdapter.of(
                          gson,
                          p.type(),
                          (TypeAdapter<Object>) gson.getAdapter(TypeToken.get(p.type()))))
              .toList();
      this.writable = properties.writable();
      Map<String, TypeAdapter<Object>> adapters = new HashMap<>();
      writable.forEach(
          (name, p) ->
              adapters.put(name, (TypeAdapter<Object>) gson.getAdapter(TypeToken.get(p.type()))));
      this.readAdapters = Map.copyOf(adapters);
      this.constructor = constructor;
    }

    @Override
    public void write(JsonWriter out, T value) throws IOException {
      if (value == null) {
        out.nullValue();
        return;
      }
      out.beginObject();
      for (int i = 0; i < readable.size(); i++) {
        BeanProperties.Readable property = readable.get(i);
        out.name(property.name());
        writeAdapters.get(i).write(out, property.get(value));
      }
      out.endObject();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T read(JsonReader in) throws IOException {
      // ShapeGuardFactory has checked for null, an object, and a constructor.
      T bean = (T) newInstance();
      in.beginObject();
      while (in.hasNext()) {
        String name = in.nextName();
        BeanProperties.Writable property = writable.get(name);
        if (property == null) {
          in.skipValue(); // unknown, read-only or server-only: ignored like any unknown member
        } else {
          property.set(bean, readAdapters.get(name).read(in));
        }
      }
      in.endObject();
      return bean;
    }

    private Object newInstance() {
      if (constructor == null) {
        throw new IllegalStateException("no no-argument constructor");
      }
      try {
        return constructor.newInstance();
      } catch (InstantiationException | IllegalAccessException e) {
        throw new IllegalStateException("cannot create", e);
      } catch (InvocationTargetException e) {
        throw new IllegalStateException("constructor failed", e.getCause());
      }
    }
  }
}

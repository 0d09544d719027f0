package io.duplex.internal.convert;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.annotations.JsonAdapter;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.util.Collection;

/**
 * Checks the JSON type in front of gson's array, collection and reflective (record and bean)
 * adapters, which would otherwise fail with gson's own wording ("Expected BEGIN_OBJECT but was
 * STRING"); and refuses, before gson tries, beans that have no constructor to run.
 */
final class ShapeGuardFactory implements TypeAdapterFactory {

  @Override
  public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
    Class<?> raw = type.getRawType();
    if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
      return new Guard<>(gson.getDelegateAdapter(this, type), JsonToken.BEGIN_ARRAY, null);
    }
    if (isDataClass(raw)) {
      return new Guard<>(gson.getDelegateAdapter(this, type), JsonToken.BEGIN_OBJECT, whyNot(raw));
    }
    return null;
  }

  /** A class of the application converted member by member (a record or a bean). */
  static boolean isDataClass(Class<?> raw) {
    return !raw.isPrimitive()
        && !raw.isInterface()
        && !Modifier.isAbstract(raw.getModifiers())
        && !raw.isEnum()
        && !JsonElement.class.isAssignableFrom(raw)
        && !raw.isAnnotationPresent(JsonAdapter.class)
        && !isPlatform(raw.getName());
  }

  static boolean isPlatform(String name) {
    return name.startsWith("java.")
        || name.startsWith("javax.")
        || name.startsWith("jdk.")
        || name.startsWith("sun.")
        || name.startsWith("com.sun.");
  }

  /**
   * Why gson could not create {@code raw}, or null if it can. With JDK Unsafe disabled, a bean
   * needs a no-argument constructor (so its field initialisers run); a record uses its canonical
   * one.
   */
  private static String whyNot(Class<?> raw) {
    if (raw.isRecord()) {
      return null;
    }
    if (raw.isMemberClass() && !Modifier.isStatic(raw.getModifiers())) {
      return raw.getName() + " is an inner class: make it static to receive it";
    }
    try {
      raw.getDeclaredConstructor();
      return null;
    } catch (NoSuchMethodException e) {
      return raw.getName() + " has no no-argument constructor: add one, or make it a record";
    }
  }

  private static final class Guard<T> extends TypeAdapter<T> {
    private final TypeAdapter<T> delegate;
    private final JsonToken start;
    private final String cannotCreate;

    Guard(TypeAdapter<T> delegate, JsonToken start, String cannotCreate) {
      this.delegate = delegate;
      this.start = start;
      this.cannotCreate = cannotCreate;
    }

    @Override
    public T read(JsonReader in) throws IOException {
      JsonToken token = in.peek();
      if (token == JsonToken.NULL) {
        in.nextNull();
        return null;
      }
      if (token != start) {
        throw ConversionFailure.expected(
            start == JsonToken.BEGIN_ARRAY ? "an array" : "an object", in);
      }
      if (cannotCreate != null) {
        throw ConversionFailure.cannotCreate(in, new IllegalArgumentException(cannotCreate));
      }
      return delegate.read(in);
    }

    @Override
    public void write(JsonWriter out, T value) throws IOException {
      delegate.write(out, value);
    }
  }
}

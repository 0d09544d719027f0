package io.duplex.internal.convert;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;

/**
 * Interfaces and abstract classes (other than collections and maps). Reading one would mean
 * choosing a class, and the JSON must never name it, so only null is accepted. Writing goes by the
 * value's own class.
 */
final class AbstractTypeFactory implements TypeAdapterFactory {

  @Override
  @SuppressWarnings("unchecked")
  public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
    Class<?> raw = type.getRawType();
    if (raw.isPrimitive()
        || raw.isArray()
        || !(raw.isInterface() || Modifier.isAbstract(raw.getModifiers()))
        || Collection.class.isAssignableFrom(raw)
        || Map.class.isAssignableFrom(raw)) {
      return null;
    }
    return (TypeAdapter<T>) new ByRuntimeClass(gson, raw);
  }

  private static final class ByRuntimeClass extends TypeAdapter<Object> {
    private final Gson gson;
    private final Class<?> declared;

    ByRuntimeClass(Gson gson, Class<?> declared) {
      this.gson = gson;
      this.declared = declared;
    }

    @Override
    public Object read(JsonReader in) throws IOException {
      if (in.peek() == JsonToken.NULL) {
        in.nextNull();
        return null;
      }
      throw ConversionFailure.cannotCreate(
          in,
          new IllegalArgumentException(
              declared.getName() + " is abstract: declare a concrete class to receive it"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void write(JsonWriter out, Object value) throws IOException {
      if (value == null) {
        out.nullValue();
      } else {
        ((TypeAdapter<Object>) gson.getAdapter(value.getClass())).write(out, value);
      }
    }
  }
}

package io.duplex.internal.convert;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;

/**
 * Writes an instance of a subclass of its declared class by its own class, as gson does for fields
 * and collection elements, so a value looks the same wherever it appears. Reading is never widened:
 * it stays with the declared type.
 */
final class RuntimeTypeAdapter extends TypeAdapter<Object> {
  private final Gson gson;
  private final Class<?> declared;
  private final TypeAdapter<Object> adapter;

  private RuntimeTypeAdapter(Gson gson, Class<?> declared, TypeAdapter<Object> adapter) {
    this.gson = gson;
    this.declared = declared;
    this.adapter = adapter;
  }

  /** {@code adapter}, wrapped only when the declared type can have instances of other classes. */
  static TypeAdapter<Object> of(Gson gson, Type declared, TypeAdapter<Object> adapter) {
    if (declared instanceof Class<?>) {
      Class<?> c = (Class<?>) declared;
      int modifiers = c.getModifiers();
      // Interfaces, abstract classes and Object already write by runtime class.
      if (!c.isPrimitive()
          && !Modifier.isFinal(modifiers)
          && !Modifier.isAbstract(modifiers)
          && !c.isInterface()
          && c != Object.class) {
        return new RuntimeTypeAdapter(gson, c, adapter);
      }
    }
    return adapter;
  }

  @Override
  public Object read(JsonReader in) throws IOException {
    return adapter.read(in);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void write(JsonWriter out, Object value) throws IOException {
    if (value != null && value.getClass() != declared) {
      ((TypeAdapter<Object>) gson.getAdapter(value.getClass())).write(out, value);
    } else {
      adapter.write(out, value);
    }
  }
}

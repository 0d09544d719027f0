package io.duplex.internal.convert;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Enums by {@code name()}. Gson's own adapter reads an unknown name as null and honours
 * {@code @SerializedName}; here an unknown name is an error and the name is always {@code name()}.
 */
final class EnumAdapterFactory implements TypeAdapterFactory {
  private static final int MAX_LISTED = 12;

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
    Class<?> raw = type.getRawType();
    if (!Enum.class.isAssignableFrom(raw) || raw == Enum.class) {
      return null;
    }
    if (!raw.isEnum()) {
      raw = raw.getSuperclass(); // a constant with a body is an anonymous subclass
    }
    return (TypeAdapter<T>) new EnumAdapter(raw);
  }

  static <E extends Enum<E>> Map<String, E> byName(Class<E> type) {
    Map<String, E> names = new HashMap<>();
    for (E constant : type.getEnumConstants()) {
      names.put(constant.name(), constant);
    }
    return names;
  }

  /** "a Color (one of RED, GREEN, BLUE)", the words a message uses for an enum. */
  static String describe(Class<?> type) {
    StringJoiner names = new StringJoiner(", ", " (one of ", ")");
    Object[] constants = type.getEnumConstants();
    for (int i = 0; i < constants.length && i < MAX_LISTED; i++) {
      names.add(((Enum<?>) constants[i]).name());
    }
    if (constants.length > MAX_LISTED) {
      names.add("...");
    }
    String simpleName = type.getSimpleName();
    String article = "AEIOUaeiou".indexOf(simpleName.charAt(0)) >= 0 ? "an " : "a ";
    return article + simpleName + (constants.length == 0 ? "" : names.toString());
  }

  private static final class EnumAdapter<E extends Enum<E>> extends TypeAdapter<E> {
    private final Map<String, E> byName;
    private final String expected;

    EnumAdapter(Class<E> type) {
      this.byName = byName(type);
      this.expected = describe(type);
    }

    @Override
    public E read(JsonReader in) throws IOException {
      JsonToken token = in.peek();
      if (token == JsonToken.STRING) {
        String name = in.nextString();
        E value = byName.get(name);
        if (value == null) {
          throw ConversionFailure.refused(expected, in, ConversionFailure.quote(name), null);
        }
        return value;
      }
      if (token == JsonToken.NULL) {
        in.nextNull();
        return null;
      }
      throw ConversionFailure.expected(expected, in);
    }

    @Override
    public void write(JsonWriter out, E value) throws IOException {
      out.value(value == null ? null : value.name());
    }
  }
}

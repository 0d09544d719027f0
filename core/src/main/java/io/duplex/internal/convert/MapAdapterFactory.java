package io.duplex.internal.convert;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * Maps as JSON objects. Replaces gson's map adapter, whose keys go through the (strict) value
 * adapters and so could not read the member name "12" as an Integer key.
 */
final class MapAdapterFactory implements TypeAdapterFactory {

  @Override
  @SuppressWarnings("unchecked")
  public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
    Class<?> raw = type.getRawType();
    if (!Map.class.isAssignableFrom(raw)) {
      return null;
    }
    Type[] keyAndValue = keyAndValueTypes(type.getType());
    Class<?> keyClass = TypeToken.get(keyAndValue[0]).getRawType();
    MapKeys keys = MapKeys.forType(keyClass);
    TypeAdapter<Object> values =
        RuntimeTypeAdapter.of(
            gson,
            keyAndValue[1],
            (TypeAdapter<Object>) gson.getAdapter(TypeToken.get(keyAndValue[1])));
    return (TypeAdapter<T>) new MapAdapter(keys, values, newMap(raw, keyClass));
  }

  private static Type[] keyAndValueTypes(Type mapType) {
    Type map = com.google.common.reflect.TypeToken.of(mapType).getSupertype(rawMap()).getType();
    if (map instanceof ParameterizedType) {
      return ((ParameterizedType) map).getActualTypeArguments();
    }
    return new Type[] {Object.class, Object.class};
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Class<? super Object> rawMap() {
    return (Class) Map.class;
  }

  /** How to make an empty map of the declared class, or null when there is no way. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Supplier<Map<Object, Object>> newMap(Class<?> raw, Class<?> keyClass) {
    if (raw == EnumMap.class) {
      return keyClass.isEnum() ? () -> new EnumMap(keyClass) : null;
    }
    if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
      if (raw.isAssignableFrom(LinkedHashMap.class)) {
        return LinkedHashMap::new;
      } else if (raw.isAssignableFrom(TreeMap.class)) {
        return TreeMap::new;
      } else if (raw.isAssignableFrom(ConcurrentHashMap.class)) {
        return ConcurrentHashMap::new;
      } else if (raw.isAssignableFrom(ConcurrentSkipListMap.class)) {
        return ConcurrentSkipListMap::new;
      }
      return null;
    }
    Constructor<?> constructor;
    try {
      constructor = raw.getDeclaredConstructor();
      if (!Modifier.isPublic(constructor.getModifiers())
          || !Modifier.isPublic(raw.getModifiers())) {
        constructor.setAccessible(true);
      }
    } catch (NoSuchMethodException | RuntimeException e) {
      return null;
    }
    return () -> {
      try {
        return (Map<Object, Object>) constructor.newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Cannot create " + raw.getName(), e);
      }
    };
  }

  private static final class MapAdapter extends TypeAdapter<Map<Object, Object>> {
    private final MapKeys keys;
    private final TypeAdapter<Object> values;
    private final Supplier<Map<Object, Object>> newMap;

    MapAdapter(MapKeys keys, TypeAdapter<Object> values, Supplier<Map<Object, Object>> newMap) {
      this.keys = keys;
      this.values = values;
      this.newMap = newMap;
    }

    @Override
    public Map<Object, Object> read(JsonReader in) throws IOException {
      JsonToken token = in.peek();
      if (token == JsonToken.NULL) {
        in.nextNull();
        return null;
      }
      if (token != JsonToken.BEGIN_OBJECT) {
        throw ConversionFailure.expected("an object", in);
      }
      if (newMap == null) {
        throw ConversionFailure.cannotCreate(
            in, new IllegalStateException("no way to create this map class"));
      }
      Map<Object, Object> map = newMap.get();
      in.beginObject();
      while (in.hasNext()) {
        String name = in.nextName();
        Object key = keys.read(name, in);
        int size = map.size();
        map.put(key, values.read(in));
        if (map.size() == size) {
          // "1" and "01" are the same Integer key: do not let one silently replace the other.
          throw ConversionFailure.refused(
              "a key different from the earlier ones", in, ConversionFailure.quote(name), null);
        }
      }
      in.endObject();
      return map;
    }

    @Override
    public void write(JsonWriter out, Map<Object, Object> map) throws IOException {
      if (map == null) {
        out.nullValue();
        return;
      }
      out.beginObject();
      for (Map.Entry<Object, Object> entry : map.entrySet()) {
        out.name(keys.write(entry.getKey()));
        values.write(out, entry.getValue());
      }
      out.endObject();
    }
  }
}

package io.duplex.internal.convert;

import com.google.gson.stream.JsonReader;
import java.util.Map;

/**
 * How map keys become JSON member names and back: strings as they are, enums by name, numbers as
 * their decimal text (protocol section 3.2). Other key types have no faithful JSON form.
 */
abstract class MapKeys {
  /** The key for member {@code name}, just read from {@code in}. */
  abstract Object read(String name, JsonReader in);

  abstract String write(Object key);

  static MapKeys forType(Class<?> keyType) {
    if (keyType == String.class) {
      return STRINGS;
    }
    if (keyType == Object.class) {
      return ANY;
    }
    if (keyType.isEnum()) {
      return enums(keyType);
    }
    NumberKind kind = NumberKind.of(keyType);
    if (kind != null) {
      return numbers(kind);
    }
    throw new IllegalArgumentException(
        "Map keys of type "
            + keyType.getName()
            + " cannot be converted to JSON: use String, an enum or a number type");
  }

  private static final MapKeys STRINGS =
      new MapKeys() {
        @Override
        Object read(String name, JsonReader in) {
          return name;
        }

        @Override
        String write(Object key) {
          return String.valueOf(key);
        }
      };

  /** Keys declared as Object (raw maps, wildcards): read as strings, written by runtime class. */
  private static final MapKeys ANY =
      new MapKeys() {
        @Override
        Object read(String name, JsonReader in) {
          return name;
        }

        @Override
        String write(Object key) {
          if (key == null || key instanceof String) {
            return String.valueOf(key);
          }
          if (key instanceof Enum<?>) {
            return ((Enum<?>) key).name();
          }
          NumberKind kind = NumberKind.of(key.getClass());
          if (kind != null) {
            return kind.keyText((Number) key);
          }
          throw new IllegalArgumentException(
              "A map key of type "
                  + key.getClass().getName()
                  + " cannot be written as JSON: use String, an enum or a number type");
        }
      };

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static MapKeys enums(Class<?> type) {
    Map<String, ?> byName = EnumAdapterFactory.byName((Class) type);
    String expected = "a key that is " + EnumAdapterFactory.describe(type);
    return new MapKeys() {
      @Override
      Object read(String name, JsonReader in) {
        Object key = byName.get(name);
        if (key == null) {
          throw ConversionFailure.refused(expected, in, ConversionFailure.quote(name), null);
        }
        return key;
      }

      @Override
      String write(Object key) {
        return key == null ? "null" : ((Enum<?>) key).name();
      }
    };
  }

  private static MapKeys numbers(NumberKind kind) {
    String expected = "a key that is " + kind.range;
    return new MapKeys() {
      @Override
      Object read(String name, JsonReader in) {
        try {
          return kind.parse(name);
        } catch (NumberFormatException | ArithmeticException e) {
          throw ConversionFailure.refused(expected, in, ConversionFailure.quote(name), null);
        }
      }

      @Override
      String write(Object key) {
        return key == null ? "null" : kind.keyText((Number) key);
      }
    };
  }
}

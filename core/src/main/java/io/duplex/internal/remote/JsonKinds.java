package io.duplex.internal.remote;

import static io.duplex.internal.remote.JsonKind.ARRAY;
import static io.duplex.internal.remote.JsonKind.BOOLEAN;
import static io.duplex.internal.remote.JsonKind.NULL;
import static io.duplex.internal.remote.JsonKind.NUMBER;
import static io.duplex.internal.remote.JsonKind.OBJECT;
import static io.duplex.internal.remote.JsonKind.STRING;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Which kinds of JSON value a declared Java type accepts, following the conversion table of
 * docs/protocol.md section 3.2. Used to refuse overloads the same JSON could match, and to pick
 * between overloads of equal arity without trying a conversion.
 */
final class JsonKinds {
  private static final int WHOLE_NUMBER = JsonKind.mask(NUMBER, STRING);

  private JsonKinds() {}

  /** The bit mask of {@link JsonKind}s that a value of {@code type} can be read from. */
  static int accepted(Type type) {
    Class<?> raw = rawClass(type);
    if (raw.isPrimitive()) {
      return primitive(raw);
    }
    if (raw == Optional.class) {
      return NULL.bit() | accepted(typeArgument(type));
    }
    return NULL.bit() | reference(raw);
  }

  private static int primitive(Class<?> type) {
    if (type == boolean.class) {
      return BOOLEAN.bit();
    }
    if (type == char.class) {
      return STRING.bit();
    }
    if (type == long.class) {
      return WHOLE_NUMBER;
    }
    return NUMBER.bit();
  }

  private static int reference(Class<?> type) {
    if (type == Object.class || type == JsonElement.class) {
      return JsonKind.ALL;
    }
    if (type == Boolean.class) {
      return BOOLEAN.bit();
    }
    if (type == Long.class || type == BigInteger.class || type == BigDecimal.class) {
      return WHOLE_NUMBER;
    }
    if (Number.class.isAssignableFrom(type)) {
      return NUMBER.bit();
    }
    if (Date.class.isAssignableFrom(type)) {
      return WHOLE_NUMBER;
    }
    if (type == String.class
        || type == CharSequence.class
        || type == Character.class
        || type == UUID.class
        || type == byte[].class
        || type.isEnum()
        || type.getName().startsWith("java.time.")) {
      return STRING.bit();
    }
    if (type == JsonPrimitive.class) {
      return JsonKind.mask(BOOLEAN, NUMBER, STRING);
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type) || type == JsonArray.class) {
      return ARRAY.bit();
    }
    // Maps, records, beans, JsFunction handles, JsonObject: anything else is read from an object.
    return OBJECT.bit();
  }

  static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return rawClass(p.getRawType());
    }
    if (type instanceof GenericArrayType a) {
      return java.lang.reflect.Array.newInstance(rawClass(a.getGenericComponentType()), 0).getClass();
    }
    if (type instanceof WildcardType w) {
      return rawClass(w.getUpperBounds()[0]);
    }
    if (type instanceof TypeVariable<?> v) {
      return rawClass(v.getBounds()[0]);
    }
    return Object.class;
  }

  private static Type typeArgument(Type type) {
    return type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
  }
}

package io.duplex.internal.reverse;

import io.duplex.internal.convert.JsonConverter;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Encodes reverse-call entries without their {@code seq}: {@code "fn":"a.b","args":[...]},
 * {@code "handle":"f7","args":[...]} or {@code "release":"f7"}. One payload is built per call and
 * shared by every queue it goes to, so a broadcast converts its arguments once.
 */
final class ReversePayloads {
  private final Supplier<JsonConverter> converter;

  ReversePayloads(Supplier<JsonConverter> converter) {
    this.converter = converter;
  }

  /** The fixed start of a payload calling {@code function}, which must already be validated. */
  static String functionPrefix(String function) {
    return "\"fn\":\"" + function + "\",\"args\":[";
  }

  /**
   * A call payload: {@code prefix} followed by the arguments, each converted by its entry in
   * {@code types} (declared types of a typed proxy) or, when {@code types} is null, by its runtime
   * class.
   */
  byte[] call(String prefix, Object[] args, Type[] types) {
    JsonConverter json = converter.get();
    StringBuilder out = new StringBuilder(prefix.length() + 16 * args.length + 2).append(prefix);
    for (int i = 0; i < args.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      Object arg = args[i];
      if (arg == null) {
        out.append("null");
      } else {
        Type type = types == null ? null : types[i];
        out.append(json.toJson(arg, isConcrete(type) ? type : arg.getClass()));
      }
    }
    return out.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  byte[] handleCall(String handle, Object[] args) {
    return call("\"handle\":" + JsonStrings.quote(handle) + ",\"args\":[", args, null);
  }

  byte[] release(String handle) {
    return ("\"release\":" + JsonStrings.quote(handle)).getBytes(StandardCharsets.UTF_8);
  }

  /** A type variable or wildcard left unresolved says less than the value's own class. */
  private static boolean isConcrete(Type type) {
    return type != null && !(type instanceof TypeVariable) && !(type instanceof WildcardType);
  }
}

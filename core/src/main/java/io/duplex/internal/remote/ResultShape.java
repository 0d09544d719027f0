package io.duplex.internal.remote;

import com.google.common.reflect.TypeToken;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

/**
 * What an exposed method's result means for the browser: a value of a declared type, nothing (void),
 * or a {@link CompletionStage} whose eventual value is one of those.
 */
final class ResultShape {
  enum Kind { VALUE, VOID, FUTURE }

  final Kind kind;
  /** The type the value is written as: the return type, or a future's type argument. */
  final Type valueType;
  /** For {@link Kind#FUTURE}: the future's value type is Void, so it yields no value. */
  final boolean futureOfVoid;

  private ResultShape(Kind kind, Type valueType, boolean futureOfVoid) {
    this.kind = kind;
    this.valueType = valueType;
    this.futureOfVoid = futureOfVoid;
  }

  /** @throws IllegalStateException for a {@link Future} that is no {@link CompletionStage} */
  static ResultShape of(Method method) {
    Class<?> raw = method.getReturnType();
    if (raw == void.class || raw == Void.class) {
      return new ResultShape(Kind.VOID, null, false);
    }
    if (CompletionStage.class.isAssignableFrom(raw)) {
      Type value = writable(stageValueType(method.getGenericReturnType()));
      return new ResultShape(Kind.FUTURE, value, value == Void.class);
    }
    if (Future.class.isAssignableFrom(raw)) {
      throw new IllegalStateException(
          method + " returns a Future, which cannot be awaited without blocking; return a CompletableFuture");
    }
    return new ResultShape(Kind.VALUE, writable(method.getGenericReturnType()), false);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Type stageValueType(Type returnType) {
    Type stage = TypeToken.of(returnType).getSupertype((Class) CompletionStage.class).getType();
    return stage instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
  }

  /** A type the converter can write by: unresolved variables and wildcards become their bound. */
  private static Type writable(Type type) {
    if (type instanceof WildcardType wildcard) {
      return writable(wildcard.getUpperBounds()[0]);
    }
    if (type instanceof TypeVariable<?>) {
      // The declared bound says little about the runtime value; let the converter use the value's class.
      return Object.class;
    }
    return type;
  }
}

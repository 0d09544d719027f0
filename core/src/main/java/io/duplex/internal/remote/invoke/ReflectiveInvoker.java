package io.duplex.internal.remote.invoke;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * The fallback for methods no invoker class can be generated for (see {@link InvokerFactory}): a
 * method handle spread over the argument array. Unlike {@code Method.invoke} it throws the method's
 * exceptions as they are.
 */
public final class ReflectiveInvoker implements MethodInvoker {
  private static final MethodType SHAPE = MethodType.methodType(Object.class, Object.class, Object[].class);

  private final MethodHandle handle;

  ReflectiveInvoker(Method method) {
    this.handle = spread(method);
  }

  private static MethodHandle spread(Method method) {
    MethodHandle direct;
    try {
      direct =
          method.trySetAccessible()
              ? MethodHandles.lookup().unreflect(method)
              : MethodHandles.publicLookup().unreflect(method);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(
          "Cannot call " + method + ": its package is not open to Duplex (add an 'opens' to module-info)", e);
    }
    return direct
        .asFixedArity()
        .asSpreader(Object[].class, method.getParameterCount())
        .asType(SHAPE);
  }

  @Override
  public Object invoke(Object target, Object[] args) throws Throwable {
    return (Object) handle.invokeExact(target, args);
  }
}

package io.duplex.internal.remote;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.function.Supplier;

/** Makes instances of one exposed service: its exposure's factory, or its public no-arg constructor. */
final class ServiceFactory {
  private final String serviceName;
  private final Class<?> type;
  private final Supplier<?> supplier;
  private final MethodHandle constructor;

  private ServiceFactory(String serviceName, Class<?> type, Supplier<?> supplier, MethodHandle constructor) {
    this.serviceName = serviceName;
    this.type = type;
    this.supplier = supplier;
    this.constructor = constructor;
  }

  /** @throws IllegalStateException when there is no factory and no usable constructor */
  static ServiceFactory of(String serviceName, Class<?> type, Supplier<?> supplier) {
    if (supplier != null) {
      return new ServiceFactory(serviceName, type, supplier, null);
    }
    if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
      throw new IllegalStateException(
          "Service \"" + serviceName + "\": " + type.getName() + " is abstract; expose it with a factory");
    }
    Constructor<?> noArgs;
    try {
      noArgs = type.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(
          "Service \"" + serviceName + "\": " + type.getName()
              + " has no public no-arg constructor; add one or expose it with a factory");
    }
    try {
      MethodHandle handle =
          noArgs.trySetAccessible()
              ? MethodHandles.lookup().unreflectConstructor(noArgs)
              : MethodHandles.publicLookup().unreflectConstructor(noArgs);
      return new ServiceFactory(serviceName, type, null, handle.asType(MethodType.methodType(Object.class)));
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(
          "Service \"" + serviceName + "\": cannot call the constructor of " + type.getName()
              + "; open its package to Duplex or expose it with a factory", e);
    }
  }

  /** A new instance. @throws InstanceException when the factory or constructor fails */
  Object create() {
    Object instance;
    try {
      instance = supplier != null ? supplier.get() : (Object) constructor.invokeExact();
    } catch (Throwable e) {
      throw new InstanceException("Creating an instance of service \"" + serviceName + "\" failed", e);
    }
    if (!type.isInstance(instance)) {
      throw new InstanceException(
          "The factory of service \"" + serviceName + "\" returned "
              + (instance == null ? "null" : "a " + instance.getClass().getName())
              + ", not a " + type.getName());
    }
    return instance;
  }
}

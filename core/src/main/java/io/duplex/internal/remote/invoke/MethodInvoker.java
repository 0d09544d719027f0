package io.duplex.internal.remote.invoke;

/**
 * Calls one exposed method without reflection on the call path. Arguments arrive already converted
 * to the parameter types (primitives boxed); a primitive result comes back boxed, void as null. The
 * method's own exceptions are thrown unchanged, never wrapped.
 */
public interface MethodInvoker {
  Object invoke(Object target, Object[] args) throws Throwable;
}

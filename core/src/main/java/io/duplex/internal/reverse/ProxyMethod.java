package io.duplex.internal.reverse;

import java.lang.reflect.Method;
import java.lang.reflect.Type;

/**
 * One method of a typed browser proxy.
 *
 * @param method the interface method
 * @param function the JavaScript function it calls
 * @param prefix the payload start for that function
 * @param parameterTypes its generic parameter types, resolved against the proxied interface
 */
record ProxyMethod(Method method, String function, String prefix, Type[] parameterTypes) {}

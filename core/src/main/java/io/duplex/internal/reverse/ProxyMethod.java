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
 * @param answerType for a method returning {@code CompletableFuture}, the type each answer is
 *     converted to; null for {@code void} and {@code int}
 * @param asksAll whether it returns {@code CompletableFuture<List<PageAnswer<T>>>}: every page's answer
 */
record ProxyMethod(
    Method method, String function, String prefix, Type[] parameterTypes, Type answerType, boolean asksAll) {
  boolean asks() {
    return answerType != null;
  }
}

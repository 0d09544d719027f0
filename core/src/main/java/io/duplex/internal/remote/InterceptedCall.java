package io.duplex.internal.remote;

import io.duplex.CallContext;
import io.duplex.CallInterceptor;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** One call passing through the interceptors: each {@code proceed()} moves one step inward. */
final class InterceptedCall implements CallInterceptor.Chain {
  private final CallInterceptor[] interceptors;
  private final ExposedMethod method;
  private final Object target;
  private final Object[] values;
  private final CallContext context;
  private int next;

  InterceptedCall(
      CallInterceptor[] interceptors, ExposedMethod method, Object target, Object[] values, CallContext context) {
    this.interceptors = interceptors;
    this.method = method;
    this.target = target;
    this.values = values;
    this.context = context;
  }

  @Override
  public String service() {
    return method.serviceName;
  }

  @Override
  public String method() {
    return method.method.getName();
  }

  @Override
  public Method javaMethod() {
    return method.method;
  }

  @Override
  public List<Object> arguments() {
    return Collections.unmodifiableList(Arrays.asList(values));
  }

  @Override
  public CallContext context() {
    return context;
  }

  @Override
  public Object proceed() throws Exception {
    if (next < interceptors.length) {
      return interceptors[next++].intercept(this);
    }
    next++;
    try {
      return method.invoker.invoke(target, values);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new java.lang.reflect.UndeclaredThrowableException(t);
    }
  }
}

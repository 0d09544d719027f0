package io.duplex.internal.remote.invoke;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the invoker of each exposed method once: a class generated with javassist when the JVM lets
 * one be defined next to the service class, otherwise a {@link ReflectiveInvoker}. Invokers are
 * cached per service class, so building several registries over the same classes defines no new
 * classes.
 */
public final class InvokerFactory {
  private static final Logger log = LoggerFactory.getLogger(InvokerFactory.class);

  private static final ClassValue<Map<Method, MethodInvoker>> CACHE =
      new ClassValue<>() {
        @Override
        protected Map<Method, MethodInvoker> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  private InvokerFactory() {}

  /**
   * The invoker of instance method {@code method} called on instances of {@code owner} (the exposed
   * class, which declares or inherits it).
   */
  public static MethodInvoker forMethod(Class<?> owner, Method method) {
    return CACHE.get(owner).computeIfAbsent(method, m -> create(owner, m));
  }

  private static MethodInvoker create(Class<?> owner, Method method) {
    String obstacle = InvokerGenerator.obstacle(owner, method);
    if (obstacle == null) {
      try {
        return InvokerGenerator.generate(owner, method);
      } catch (Exception | LinkageError e) {
        log.debug("Could not generate an invoker for {}; calling it through a method handle", method, e);
        return reflective(method);
      }
    }
    log.debug("Calling {} through a method handle: {}", method, obstacle);
    return reflective(method);
  }

  /** A generated invoker, or an exception saying why none can be made. */
  public static MethodInvoker generated(Class<?> owner, Method method) throws Exception {
    String obstacle = InvokerGenerator.obstacle(owner, method);
    if (obstacle != null) {
      throw new IllegalArgumentException(obstacle);
    }
    return InvokerGenerator.generate(owner, method);
  }

  public static MethodInvoker reflective(Method method) {
    if (Modifier.isStatic(method.getModifiers())) {
      throw new IllegalArgumentException("Not an instance method: " + method);
    }
    return new ReflectiveInvoker(method);
  }

  /** Whether {@code invoker} is a generated class (as opposed to the reflective fallback). */
  public static boolean isGenerated(MethodInvoker invoker) {
    return invoker.getClass().getName().contains(InvokerGenerator.NAME_INFIX);
  }
}

package io.duplex.internal.reverse;

import io.duplex.internal.ClassLoaders;
import io.duplex.internal.reverse.ProxyType.ProxyClass;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import javassist.CannotCompileException;
import javassist.ClassPool;
import javassist.CtClass;
import javassist.CtConstructor;
import javassist.CtField;
import javassist.CtMethod;
import javassist.CtNewMethod;
import javassist.LoaderClassPath;
import javassist.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the proxy class of an interface with javassist: a final class whose every method is one
 * direct call to {@link ProxyDispatch#call}, so a proxy call costs no reflection. Falls back to
 * {@link Proxy} only when no generated class can see both the interface and Duplex.
 */
final class ProxyClassDefiner {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyClassDefiner.class);
  private static final String DISPATCH = ProxyDispatch.class.getName();
  private static final AtomicLong SERIAL = new AtomicLong();

  private ProxyClassDefiner() {}

  static ProxyClass define(ProxyType type) {
    Class<?> iface = type.type();
    if (ClassLoaders.sees(iface.getClassLoader(), ProxyDispatch.class)) {
      try {
        Class<?> generated = generate(type, iface.getName() + "$$DuplexProxy", iface);
        return new ProxyClass(generated, ProxyDefinition.INTERFACE_PACKAGE, constructor(generated));
      } catch (CannotCompileException | NotFoundException | ReflectiveOperationException | LinkageError e) {
        LOG.debug("Cannot define the proxy of {} in its package, trying Duplex's", iface.getName(), e);
      }
    }
    if (Modifier.isPublic(iface.getModifiers()) && ClassLoaders.sees(ProxyDispatch.class.getClassLoader(), iface)) {
      String name =
          ProxyDispatch.class.getPackageName()
              + ".DuplexProxy$"
              + iface.getName().replace('.', '_')
              + "$"
              + SERIAL.incrementAndGet();
      try {
        Class<?> generated = generate(type, name, ProxyDispatch.class);
        return new ProxyClass(generated, ProxyDefinition.DUPLEX_PACKAGE, constructor(generated));
      } catch (CannotCompileException | NotFoundException | ReflectiveOperationException | LinkageError e) {
        LOG.debug("Cannot generate the proxy of {}, using java.lang.reflect.Proxy", iface.getName(), e);
      }
    }
    return reflective(type);
  }

  private static Class<?> generate(ProxyType type, String name, Class<?> neighbor)
      throws CannotCompileException, NotFoundException {
    Class<?> iface = type.type();
    ClassPool pool = new ClassPool(true);
    pool.appendClassPath(new LoaderClassPath(ProxyDispatch.class.getClassLoader()));
    if (iface.getClassLoader() != null) {
      pool.insertClassPath(new LoaderClassPath(iface.getClassLoader()));
    }
    CtClass proxy = pool.makeClass(name);
    try {
      proxy.setModifiers(javassist.Modifier.PUBLIC | javassist.Modifier.FINAL);
      proxy.addInterface(pool.get(iface.getName()));
      proxy.addField(CtField.make("private final " + DISPATCH + " dispatch;", proxy));
      CtConstructor constructor = new CtConstructor(new CtClass[] {pool.get(DISPATCH)}, proxy);
      constructor.setBody("{ super(); this.dispatch = $1; }");
      proxy.addConstructor(constructor);
      for (int i = 0; i < type.methodCount(); i++) {
        Method method = type.method(i).method();
        boolean counts = method.getReturnType() == int.class;
        boolean asks = type.method(i).asks();
        CtClass returns = asks ? pool.get(CompletableFuture.class.getName()) : counts ? CtClass.intType : CtClass.voidType;
        CtMethod generated = new CtMethod(returns, method.getName(), ctTypes(pool, method), proxy);
        generated.setModifiers(javassist.Modifier.PUBLIC);
        generated.setBody(asks
            ? "{ return this.dispatch.ask(" + i + ", $args); }"
            : "{ " + (counts ? "return " : "") + "this.dispatch.call(" + i + ", $args); }");
        proxy.addMethod(generated);
      }
      proxy.addMethod(CtNewMethod.make("public String toString() { return this.dispatch.describe(); }", proxy));
      return proxy.toClass(neighbor);
    } finally {
      proxy.detach();
    }
  }

  private static CtClass[] ctTypes(ClassPool pool, Method method) throws NotFoundException {
    Class<?>[] types = method.getParameterTypes();
    CtClass[] result = new CtClass[types.length];
    for (int i = 0; i < types.length; i++) {
      result[i] = pool.get(sourceName(types[i]));
    }
    return result;
  }

  private static String sourceName(Class<?> type) {
    return type.isArray() ? sourceName(type.getComponentType()) + "[]" : type.getName();
  }

  private static java.util.function.Function<ProxyDispatch, Object> constructor(Class<?> generated)
      throws ReflectiveOperationException {
    MethodHandle handle =
        MethodHandles.lookup()
            .findConstructor(generated, MethodType.methodType(void.class, ProxyDispatch.class))
            .asType(MethodType.methodType(Object.class, ProxyDispatch.class));
    return dispatch -> {
      try {
        return (Object) handle.invokeExact(dispatch);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException("Cannot create a browser proxy", e);
      }
    };
  }

  private static ProxyClass reflective(ProxyType type) {
    Class<?> iface = type.type();
    Map<String, Integer> indexes = new HashMap<>();
    for (int i = 0; i < type.methodCount(); i++) {
      indexes.put(ProxyType.signature(type.method(i).method()), i);
    }
    ClassLoader loader = iface.getClassLoader();
    return new ProxyClass(
        null,
        ProxyDefinition.REFLECTION,
        dispatch ->
            Proxy.newProxyInstance(loader, new Class<?>[] {iface}, handler(dispatch, indexes)));
  }

  private static InvocationHandler handler(ProxyDispatch dispatch, Map<String, Integer> indexes) {
    return (proxy, method, args) -> {
      Object[] arguments = args == null ? new Object[0] : args;
      if (ProxyType.isObjectMethod(method)) {
        return switch (method.getName()) {
          case "toString" -> dispatch.describe();
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == arguments[0];
          default -> throw new UnsupportedOperationException(method.getName());
        };
      }
      if (method.isDefault()) {
        return InvocationHandler.invokeDefault(proxy, method, arguments);
      }
      int index = indexes.get(ProxyType.signature(method));
      if (method.getReturnType() == CompletableFuture.class) {
        return dispatch.ask(index, arguments);
      }
      int reached = dispatch.call(index, arguments);
      return method.getReturnType() == int.class ? Integer.valueOf(reached) : null;
    };
  }

}

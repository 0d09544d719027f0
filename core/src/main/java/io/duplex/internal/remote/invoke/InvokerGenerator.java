package io.duplex.internal.remote.invoke;

import io.duplex.internal.ClassLoaders;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.atomic.AtomicLong;
import javassist.CannotCompileException;
import javassist.ClassClassPath;
import javassist.ClassPool;
import javassist.CtClass;
import javassist.CtNewConstructor;
import javassist.CtNewMethod;
import javassist.LoaderClassPath;
import javassist.NotFoundException;

/**
 * Generates {@code pkg.Service$$DuplexInvoker$N}, a class whose {@code invoke} casts, unboxes and
 * calls the method directly, defined with {@code CtClass.toClass(neighbor)} in the service class's
 * own package and class loader. That works for ordinary classpath and webapp classes; a class the
 * JVM will not let us define a neighbour for (platform classes, closed modules, hidden classes) gets
 * the reflective invoker instead.
 */
final class InvokerGenerator {
  static final String NAME_INFIX = "$$DuplexInvoker$";

  private static final AtomicLong COUNTER = new AtomicLong();

  private InvokerGenerator() {}

  /** Why no invoker can be generated for {@code method} on {@code owner}, or null if one can. */
  static String obstacle(Class<?> owner, Method method) {
    if (Modifier.isStatic(method.getModifiers())) {
      return "static method";
    }
    ClassLoader loader = owner.getClassLoader();
    if (loader == null || owner.getPackageName().startsWith("java.")) {
      return "platform class " + owner.getName();
    }
    if (owner.isHidden() || owner.isArray() || owner.isPrimitive()) {
      return owner.getName() + " is not a plain class";
    }
    if (!owner.getModule().isOpen(owner.getPackageName(), ClassPool.class.getModule())) {
      return "package " + owner.getPackageName() + " is not open to javassist";
    }
    if (!ClassLoaders.sees(loader, MethodInvoker.class)) {
      return "the class loader of " + owner.getName() + " cannot see Duplex";
    }
    if (!accessible(method.getDeclaringClass(), owner)) {
      return "declaring class " + method.getDeclaringClass().getName() + " is not accessible";
    }
    for (Class<?> parameter : method.getParameterTypes()) {
      if (!accessible(parameter, owner)) {
        return "parameter type " + parameter.getName() + " is not accessible";
      }
    }
    return null;
  }


  /** Whether code in {@code owner}'s runtime package may name {@code type} (conservatively). */
  private static boolean accessible(Class<?> type, Class<?> owner) {
    while (type.isArray()) {
      type = type.getComponentType();
    }
    if (type.isPrimitive() || type == owner) {
      return true;
    }
    if (type.getPackageName().equals(owner.getPackageName()) && type.getClassLoader() == owner.getClassLoader()) {
      return true;
    }
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        return false;
      }
    }
    return type.getModule().isExported(type.getPackageName(), owner.getModule());
  }

  static MethodInvoker generate(Class<?> owner, Method method) throws Exception {
    ClassPool pool = new ClassPool(false);
    pool.appendClassPath(new LoaderClassPath(owner.getClassLoader()));
    pool.appendClassPath(new ClassClassPath(MethodInvoker.class));
    CtClass invoker = pool.makeClass(owner.getName() + NAME_INFIX + COUNTER.incrementAndGet());
    try {
      invoker.setModifiers(Modifier.PUBLIC | Modifier.FINAL);
      invoker.addInterface(pool.get(MethodInvoker.class.getName()));
      invoker.addConstructor(CtNewConstructor.defaultConstructor(invoker));
      invoker.addMethod(CtNewMethod.make(source(owner, method), invoker));
      Class<?> defined = invoker.toClass(owner);
      return (MethodInvoker) defined.getConstructor().newInstance();
    } catch (CannotCompileException | NotFoundException e) {
      throw new IllegalStateException("Cannot generate an invoker for " + method + ": " + e.getMessage(), e);
    } finally {
      invoker.detach();
    }
  }

  /** The Java source of {@code invoke}, in javassist's dialect ($1 = target, $2 = args). */
  static String source(Class<?> owner, Method method) {
    StringBuilder call = new StringBuilder();
    call.append("((").append(sourceName(owner)).append(") $1).").append(method.getName()).append('(');
    Class<?>[] parameters = method.getParameterTypes();
    for (int i = 0; i < parameters.length; i++) {
      if (i > 0) {
        call.append(", ");
      }
      call.append(unboxed(parameters[i], "$2[" + i + "]"));
    }
    call.append(')');
    String body =
        method.getReturnType() == void.class
            ? call + "; return null;"
            : method.getReturnType().isPrimitive() ? "return ($w) " + call + ";" : "return " + call + ";";
    return "public Object invoke(Object target, Object[] args) throws Throwable { " + body + " }";
  }

  private static String unboxed(Class<?> type, String value) {
    if (!type.isPrimitive()) {
      return "(" + sourceName(type) + ") " + value;
    }
    String wrapper =
        type == int.class ? "Integer"
            : type == long.class ? "Long"
            : type == double.class ? "Double"
            : type == float.class ? "Float"
            : type == boolean.class ? "Boolean"
            : type == char.class ? "Character"
            : type == short.class ? "Short"
            : "Byte";
    return "((java.lang." + wrapper + ") " + value + ")." + type.getName() + "Value()";
  }

  private static String sourceName(Class<?> type) {
    return type.isArray() ? sourceName(type.getComponentType()) + "[]" : type.getName();
  }
}

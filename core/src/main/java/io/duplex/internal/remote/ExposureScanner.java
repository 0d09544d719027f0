package io.duplex.internal.remote;

import io.duplex.Duplex;
import io.duplex.RemoteMethod;
import io.duplex.ServiceExposure;
import io.duplex.internal.convert.JsonConverter;
import io.duplex.internal.convert.ValueReader;
import io.duplex.internal.remote.invoke.InvokerFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns one {@link ServiceExposure} into a {@link ServiceDefinition}, refusing at startup whatever
 * would be a surprise at call time.
 *
 * <p>Static methods are never exposed: Duplex calls methods on the instance its scope provides, and
 * a static method would silently bypass that scope (and, with {@code methods(...)}, grant access to
 * class-wide state nobody meant to expose). Annotating one, or naming one in {@code methods}, fails.
 */
final class ExposureScanner {

  private final ServiceExposure<?> exposure;
  private final JsonConverter converter;
  private final String name;
  private final Class<?> type;
  private final Duplex duplex;

  private ExposureScanner(ServiceExposure<?> exposure, JsonConverter converter, Duplex duplex) {
    this.exposure = exposure;
    this.duplex = duplex;
    this.converter = converter;
    this.name = exposure.name();
    this.type = exposure.type();
  }

  static ServiceDefinition scan(ServiceExposure<?> exposure, JsonConverter converter, Duplex duplex) {
    return new ExposureScanner(exposure, converter, duplex).scan();
  }

  private ServiceDefinition scan() {
    String badName = ServiceNames.whyNot(name);
    if (badName != null) {
      throw fail(
          "cannot be exposed as \""
              + name
              + "\": "
              + badName
              + ". Choose another name with @RemoteService(name = \"...\") or"
              + " Duplex.builder().expose(\"...\", type, factory)");
    }
    Map<String, List<Method>> byName = exposure.annotated() ? annotatedMethods() : namedMethods();
    for (String method : byName.keySet()) {
      String badMethod = ServiceNames.whyNotMethod(method);
      if (badMethod != null) {
        throw fail("method \"" + method + "\" cannot be exposed: " + badMethod);
      }
    }
    Map<String, List<String>> roles = exposure.roles();
    for (String method : roles.keySet()) {
      if (!byName.containsKey(method)) {
        throw fail("roles are given for \"" + method + "\", which is not an exposed method");
      }
    }
    List<MethodGroup> groups = new ArrayList<>();
    byName.forEach(
        (methodName, methods) -> {
          List<ExposedMethod> overloads = new ArrayList<>();
          for (Method method : methods) {
            overloads.add(expose(method, roles.get(methodName)));
          }
          groups.add(MethodGroup.of(name, methodName, overloads));
        });
    Function<? super Duplex, ?> made = exposure.factory();
    ServiceFactory factory = ServiceFactory.of(name, type, made == null ? null : () -> made.apply(duplex));
    return new ServiceDefinition(name, exposure.scope(), type, groups, ServiceInstances.of(exposure.scope(), name, factory));
  }

  /** Public methods carrying {@code @RemoteMethod}, on the method or a declaration it overrides. */
  private Map<String, List<Method>> annotatedMethods() {
    refuseNonPublicAnnotated();
    Map<String, List<Method>> byName = new LinkedHashMap<>();
    Method[] publicMethods = type.getMethods();
    for (Method method : publicMethods) {
      if (!isReal(method, publicMethods) || annotation(method) == null) {
        continue;
      }
      refuseStaticOrObject(method);
      byName.computeIfAbsent(method.getName(), k -> new ArrayList<>()).add(method);
    }
    if (byName.isEmpty()) {
      throw fail(type.getName() + " has no public @RemoteMethod methods; annotate the methods browsers may call");
    }
    return byName;
  }

  private void refuseNonPublicAnnotated() {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Method method : c.getDeclaredMethods()) {
        if (method.isAnnotationPresent(RemoteMethod.class)
            && !method.isBridge()
            && !Modifier.isPublic(method.getModifiers())) {
          throw fail("@RemoteMethod " + c.getSimpleName() + "." + method.getName() + " is not public");
        }
      }
    }
  }

  /** Every public overload of each name given to {@code methods(...)}. */
  private Map<String, List<Method>> namedMethods() {
    Set<String> names = exposure.methods();
    if (names.isEmpty()) {
      throw fail("no methods are exposed; name them with methods(...)");
    }
    Method[] publicMethods = type.getMethods();
    Map<String, List<Method>> byName = new LinkedHashMap<>();
    for (String methodName : names) {
      List<Method> found = new ArrayList<>();
      boolean fromObject = false;
      for (Method method : publicMethods) {
        if (!method.getName().equals(methodName) || !isReal(method, publicMethods)) {
          continue;
        }
        if (isObjectMethod(method)) {
          fromObject = true;
          continue;
        }
        refuseStaticOrObject(method);
        found.add(method);
      }
      if (found.isEmpty()) {
        if (fromObject) {
          throw fail("\"" + methodName + "\" is declared by java.lang.Object and cannot be exposed");
        }
        throw fail(
            hasNonPublic(methodName)
                ? "method \"" + methodName + "\" of " + type.getName() + " is not public"
                : type.getName() + " has no method \"" + methodName + "\"");
      }
      byName.put(methodName, found);
    }
    return byName;
  }

  /**
   * False for compiler-made methods that stand for another one: generic and covariant-return bridges
   * (the real method is also public). A visibility bridge, which makes a public method of a
   * package-private superclass callable on the public subclass, is the only public form of that
   * method and counts as real.
   */
  private static boolean isReal(Method method, Method[] publicMethods) {
    if (!method.isBridge()) {
      return !method.isSynthetic();
    }
    for (Method other : publicMethods) {
      if (other != method
          && !other.isBridge()
          && other.getName().equals(method.getName())
          && other.getParameterCount() == method.getParameterCount()
          && assignable(other.getParameterTypes(), method.getParameterTypes())) {
        return false;
      }
    }
    return true;
  }

  private static boolean assignable(Class<?>[] specific, Class<?>[] general) {
    for (int i = 0; i < specific.length; i++) {
      if (!general[i].isAssignableFrom(specific[i])) {
        return false;
      }
    }
    return true;
  }

  private void refuseStaticOrObject(Method method) {
    if (Modifier.isStatic(method.getModifiers())) {
      throw fail(
          "static method " + method.getName() + " cannot be exposed; Duplex calls instance methods on the"
              + " instance the service's scope provides");
    }
    if (isObjectMethod(method)) {
      throw fail("\"" + method.getName() + "\" is declared by java.lang.Object and cannot be exposed");
    }
  }

  private boolean hasNonPublic(String methodName) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Method method : c.getDeclaredMethods()) {
        if (method.getName().equals(methodName) && !Modifier.isPublic(method.getModifiers())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isObjectMethod(Method method) {
    try {
      Object.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** The method's {@code @RemoteMethod}, or that of a superclass or interface declaration it overrides. */
  private RemoteMethod annotation(Method method) {
    RemoteMethod own = method.getAnnotation(RemoteMethod.class);
    if (own != null) {
      return own;
    }
    Deque<Class<?>> pending = new ArrayDeque<>(List.of(type));
    Set<Class<?>> seen = new HashSet<>();
    while (!pending.isEmpty()) {
      Class<?> c = pending.poll();
      if (c == null || c == Object.class || !seen.add(c)) {
        continue;
      }
      try {
        RemoteMethod found =
            c.getDeclaredMethod(method.getName(), method.getParameterTypes()).getAnnotation(RemoteMethod.class);
        if (found != null) {
          return found;
        }
      } catch (NoSuchMethodException e) {
        // not declared here; keep looking up the hierarchy
      }
      pending.add(c.getSuperclass() == null ? Object.class : c.getSuperclass());
      pending.addAll(List.of(c.getInterfaces()));
    }
    return null;
  }

  private ExposedMethod expose(Method method, List<String> programmaticRoles) {
    Parameter[] declared = method.getParameters();
    ParameterBinding[] parameters = new ParameterBinding[declared.length];
    int jsIndex = 0;
    for (int i = 0; i < declared.length; i++) {
      Parameter p = declared[i];
      Type genericType = p.getParameterizedType();
      parameters[i] =
          InjectedTypes.isInjected(p.getType())
              ? ParameterBinding.injected(p.getName(), p.getType())
              : ParameterBinding.converted(p.getName(), p.getType(), genericType, jsIndex++, reader(method, p, genericType));
    }
    RemoteMethod annotation = exposure.annotated() ? annotation(method) : method.getAnnotation(RemoteMethod.class);
    List<String> roles =
        programmaticRoles != null ? programmaticRoles : annotation != null ? List.of(annotation.roles()) : List.of();
    ResultShape result;
    try {
      result = ResultShape.of(method);
    } catch (IllegalStateException e) {
      throw fail(e.getMessage());
    }
    return new ExposedMethod(
        name, method, parameters, roles.toArray(String[]::new), InvokerFactory.forMethod(type, method), result);
  }

  private ValueReader reader(Method method, Parameter parameter, Type genericType) {
    try {
      return converter.reader(genericType);
    } catch (RuntimeException e) {
      throw fail(
          "parameter " + parameter.getName() + " of " + method.getName() + " has type " + genericType.getTypeName()
              + ", which cannot be read from JSON: " + e.getMessage());
    }
  }

  private IllegalStateException fail(String problem) {
    return new IllegalStateException("Service \"" + name + "\" (" + type.getName() + "): " + problem);
  }
}

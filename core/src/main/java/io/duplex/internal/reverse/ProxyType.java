package io.duplex.internal.reverse;

import com.google.common.reflect.TypeToken;
import io.duplex.PageAnswer;
import io.duplex.ScriptName;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A proxied interface: its methods and their JavaScript names, checked once, and the proxy class
 * generated for it on first use. Cached per interface; a ClassValue keeps no class loader alive.
 */
final class ProxyType {
  private static final ClassValue<ProxyType> CACHE =
      new ClassValue<>() {
        @Override
        protected ProxyType computeValue(Class<?> type) {
          return new ProxyType(type);
        }
      };

  private final Class<?> type;
  private final ProxyMethod[] methods;
  private volatile ProxyClass proxyClass;

  private ProxyType(Class<?> type) {
    this.type = type;
    this.methods = inspect(type);
  }

  /** The checked description of {@code type}; IllegalArgumentException if it cannot be proxied. */
  static ProxyType of(Class<?> type) {
    if (type == null || !type.isInterface() || type.isAnnotation()) {
      throw new IllegalArgumentException(
          "A browser proxy needs an interface, got " + (type == null ? "null" : type.getName()));
    }
    if (type.isSealed()) {
      throw new IllegalArgumentException(
          "A browser proxy cannot implement sealed interface " + type.getName());
    }
    return CACHE.get(type);
  }

  Object newProxy(ProxyDispatch dispatch) {
    return proxyClass().instantiate(dispatch);
  }

  /** The generated class, defined once per interface (ClassValue may compute this object twice). */
  ProxyClass proxyClass() {
    ProxyClass current = proxyClass;
    if (current == null) {
      synchronized (this) {
        current = proxyClass;
        if (current == null) {
          current = ProxyClassDefiner.define(this);
          proxyClass = current;
        }
      }
    }
    return current;
  }

  Class<?> type() {
    return type;
  }

  String interfaceName() {
    return type.getName();
  }

  ProxyMethod method(int index) {
    return methods[index];
  }

  int methodCount() {
    return methods.length;
  }

  /** The interface's {@code @ScriptName} prefix, "" without one. */
  static String prefix(Class<?> type) {
    ScriptName scope = type.getAnnotation(ScriptName.class);
    return scope == null ? "" : FunctionNames.requireValid(scope.value().trim());
  }

  private static ProxyMethod[] inspect(Class<?> type) {
    String prefix = prefix(type).isEmpty() ? "" : prefix(type) + ".";
    TypeToken<?> owner = TypeToken.of(type);
    Method[] all = type.getMethods();
    Set<String> inherited = new HashSet<>();
    for (Method method : all) {
      if (method.isDefault()) {
        inherited.add(signature(method));
      }
    }
    List<ProxyMethod> result = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Arrays.sort(all, Comparator.comparing(ProxyType::signature));
    for (Method method : all) {
      String signature = signature(method);
      if (Modifier.isStatic(method.getModifiers())
          || !Modifier.isAbstract(method.getModifiers())
          || isObjectMethod(method)
          || inherited.contains(signature)
          || !seen.add(signature)) {
        continue;
      }
      Type answerType = null;
      boolean asksAll = false;
      if (method.getReturnType() == CompletableFuture.class) {
        answerType = answerType(type, method, owner.resolveType(method.getGenericReturnType()).getType());
        Type each = pageAnswersOf(answerType);
        asksAll = each != null;
        answerType = asksAll ? each : answerType;
      } else if (method.getReturnType() != void.class && method.getReturnType() != int.class) {
        throw new IllegalArgumentException(
            "Browser proxy method "
                + type.getSimpleName()
                + "."
                + method.getName()
                + " returns "
                + method.getReturnType().getSimpleName()
                + "; a browser proxy method returns void, int (the number of pages reached),"
                + " CompletableFuture<T> (the one page's answer) or CompletableFuture<List<PageAnswer<T>>>"
                + " (every page's answer)");
      }
      String function = prefix + jsName(type, method);
      Type[] parameterTypes =
          Arrays.stream(method.getGenericParameterTypes())
              .map(t -> owner.resolveType(t).getType())
              .toArray(Type[]::new);
      result.add(new ProxyMethod(
          method, function, ReversePayloads.functionPrefix(function), parameterTypes, answerType, asksAll));
    }
    return result.toArray(ProxyMethod[]::new);
  }

  /** The T of {@code CompletableFuture<T>}; a wildcard or raw type is refused (T says how to convert). */
  private static Type answerType(Class<?> type, Method method, Type returned) {
    if (returned instanceof ParameterizedType future) {
      Type answer = future.getActualTypeArguments()[0];
      if (!(answer instanceof WildcardType) && !(answer instanceof TypeVariable)) {
        return answer;
      }
    }
    throw new IllegalArgumentException(
        "Browser proxy method " + type.getSimpleName() + "." + method.getName()
            + " must declare the answer's type, e.g. CompletableFuture<Boolean>: answers are converted to it");
  }

  /** The T of {@code List<PageAnswer<T>>}, else null. */
  private static Type pageAnswersOf(Type answerType) {
    if (answerType instanceof ParameterizedType list
        && list.getRawType() == List.class
        && list.getActualTypeArguments()[0] instanceof ParameterizedType each
        && each.getRawType() == PageAnswer.class) {
      Type t = each.getActualTypeArguments()[0];
      return t instanceof WildcardType || t instanceof TypeVariable ? Object.class : t;
    }
    return null;
  }

  private static String jsName(Class<?> type, Method method) {
    ScriptName name = method.getAnnotation(ScriptName.class);
    if (name == null) {
      return method.getName();
    }
    try {
      return FunctionNames.requireValid(name.value().trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "@ScriptName on " + type.getSimpleName() + "." + method.getName() + ": " + e.getMessage(), e);
    }
  }

  static boolean isObjectMethod(Method method) {
    try {
      Object.class.getMethod(method.getName(), method.getParameterTypes());
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  static String signature(Method method) {
    return method.getName() + Arrays.toString(method.getParameterTypes());
  }

  /** How proxies of one interface are made. */
  record ProxyClass(Class<?> type, ProxyDefinition definition, Function<ProxyDispatch, Object> factory) {
    Object instantiate(ProxyDispatch dispatch) {
      return factory.apply(dispatch);
    }
  }
}

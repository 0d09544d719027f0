package io.duplex.internal.convert;

import com.google.gson.internal.GsonTypes;
import io.duplex.NotRemote;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The public surface of a bean class (any data class other than a record), worked out once per
 * type: what is written to the browser and what the browser may set.
 *
 * <p>Written: public getters ({@code getX()}, {@code isX()} returning {@code boolean}, JavaBeans
 * naming) and public non-static fields. Set: public setters ({@code void setX(v)}) and public
 * non-static, non-final fields. A private field without a getter (a password hash, a role) is never
 * written and never set, whatever its name. A property is left out in both directions when a field
 * of its name is {@code transient} or {@link NotRemote}, or its accessor is {@code @NotRemote}.
 * Accessors declared by platform classes ({@code getClass()}, Throwable's) are not properties.
 *
 * <p>Order, for the same JSON on every run: properties named like a field of the class come in
 * field declaration order (the class's own fields before its superclasses', as before), then the
 * rest sorted by name.
 */
final class BeanProperties {
  /** How to read one property of a bean, with its declared (resolved) type. */
  record Readable(String name, Type type, Method getter, Field field) {
    Object get(Object bean) {
      try {
        return getter != null ? getter.invoke(bean) : field.get(bean);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot read " + name, e);
      } catch (InvocationTargetException e) {
        throw new IllegalStateException("getter of " + name + " failed", e.getCause());
      }
    }
  }

  /** How to set one property of a bean, with its declared (resolved) type. */
  record Writable(String name, Type type, Method setter, Field field) {
    void set(Object bean, Object value) {
      try {
        if (setter != null) {
          setter.invoke(bean, value);
        } else {
          field.set(bean, value);
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot set " + name, e);
      } catch (InvocationTargetException e) {
        throw new IllegalStateException("setter of " + name + " failed", e.getCause());
      }
    }
  }

  private final List<Readable> readable;
  private final Map<String, Writable> writable;

  private BeanProperties(List<Readable> readable, Map<String, Writable> writable) {
    this.readable = readable;
    this.writable = writable;
  }

  /** Properties written to the browser, in their fixed order. */
  List<Readable> readable() {
    return readable;
  }

  /** Properties the browser may set, by JSON member name. */
  Map<String, Writable> writable() {
    return writable;
  }

  static BeanProperties of(Type type, Class<?> raw) {
    Map<String, Field> fieldsByName = new LinkedHashMap<>();
    Set<String> excluded = new HashSet<>();
    for (Class<?> c = raw; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.isSynthetic() || Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        fieldsByName.putIfAbsent(f.getName(), f);
        if (Modifier.isTransient(f.getModifiers()) || f.isAnnotationPresent(NotRemote.class)) {
          excluded.add(f.getName());
        }
      }
    }

    Map<String, Readable> out = new HashMap<>();
    Map<String, Writable> in = new HashMap<>();
    for (Field f : raw.getFields()) {
      int m = f.getModifiers();
      if (Modifier.isStatic(m) || f.isSynthetic() || excluded.contains(f.getName())) {
        continue;
      }
      if (isPlatform(f.getDeclaringClass())) {
        continue;
      }
      f.trySetAccessible(); // a public field of a non-public class
      Type t = resolve(type, raw, f.getGenericType());
      out.put(f.getName(), new Readable(f.getName(), t, null, f));
      if (!Modifier.isFinal(m)) {
        in.put(f.getName(), new Writable(f.getName(), t, null, f));
      }
    }
    for (Method method : raw.getMethods()) {
      if (!isAccessor(method)) {
        continue;
      }
      String getter = getterProperty(method);
      if (getter != null && !excluded.contains(getter)) {
        Readable previous = out.get(getter);
        // A getter wins over a public field of the same name: it is the class's chosen view.
        // isX() wins over getX(), as in JavaBeans (getMethods() has no fixed order).
        if (previous == null
            || previous.getter() == null
            || (method.getName().startsWith("is") && !previous.getter().getName().startsWith("is"))) {
          method.trySetAccessible(); // a public method of a non-public class
          out.put(
              getter,
              new Readable(getter, resolve(type, raw, method.getGenericReturnType()), method, null));
        }
      }
    }
    // Setters in a second pass: betterSetter compares with the getter finally chosen above.
    for (Method method : raw.getMethods()) {
      if (!isAccessor(method)) {
        continue;
      }
      String setter = setterProperty(method);
      if (setter != null && !excluded.contains(setter)) {
        Writable previous = in.get(setter);
        if (previous == null || previous.setter() == null || betterSetter(method, previous, out.get(setter))) {
          method.trySetAccessible();
          in.put(
              setter,
              new Writable(
                  setter, resolve(type, raw, method.getGenericParameterTypes()[0]), method, null));
        }
      }
    }

    List<Readable> ordered = new ArrayList<>();
    for (String name : fieldsByName.keySet()) {
      Readable r = out.remove(name);
      if (r != null) {
        ordered.add(r);
      }
    }
    List<Readable> rest = new ArrayList<>(out.values());
    rest.sort(Comparator.comparing(Readable::name));
    ordered.addAll(rest);
    return new BeanProperties(List.copyOf(ordered), Map.copyOf(in));
  }

  /**
   * Of two overloaded setters, the one taking the getter's type, else the one whose parameter type
   * name sorts first: the choice must not depend on the order getMethods() happens to return.
   */
  private static boolean betterSetter(Method candidate, Writable current, Readable getter) {
    Class<?> wanted = getter == null ? null : rawOf(getter);
    Class<?> mine = candidate.getParameterTypes()[0];
    Class<?> theirs = current.setter().getParameterTypes()[0];
    if (wanted != null && (mine == wanted) != (theirs == wanted)) {
      return mine == wanted;
    }
    return mine.getName().compareTo(theirs.getName()) < 0;
  }

  private static Class<?> rawOf(Readable getter) {
    return getter.getter() != null ? getter.getter().getReturnType() : getter.field().getType();
  }

  /** The property a public getter reads, or null if {@code method} is not one. */
  static String getterProperty(Method method) {
    if (method.getParameterCount() != 0) {
      return null;
    }
    String name = method.getName();
    Class<?> returns = method.getReturnType();
    if (name.startsWith("get") && name.length() > 3 && returns != void.class) {
      return decapitalize(name.substring(3));
    }
    if (name.startsWith("is") && name.length() > 2 && returns == boolean.class) {
      return decapitalize(name.substring(2));
    }
    return null;
  }

  /** The property a public setter sets, or null if {@code method} is not one. */
  static String setterProperty(Method method) {
    String name = method.getName();
    if (method.getParameterCount() == 1
        && method.getReturnType() == void.class
        && name.startsWith("set")
        && name.length() > 3) {
      return decapitalize(name.substring(3));
    }
    return null;
  }

  /** JavaBeans: {@code Name -> name}, but {@code URL -> URL} (two capitals stay). */
  static String decapitalize(String name) {
    if (name.length() > 1
        && Character.isUpperCase(name.charAt(0))
        && Character.isUpperCase(name.charAt(1))) {
      return name;
    }
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  private static Type resolve(Type context, Class<?> raw, Type member) {
    return GsonTypes.resolve(context, raw, member);
  }

  /** Whether a public method may be a getter or setter: not static, generated, platform or hidden. */
  private static boolean isAccessor(Method method) {
    return !Modifier.isStatic(method.getModifiers())
        && !method.isBridge()
        && !method.isSynthetic()
        && !isPlatform(method.getDeclaringClass())
        && !method.isAnnotationPresent(NotRemote.class);
  }

  static boolean isPlatform(Class<?> c) {
    return ShapeGuardFactory.isPlatform(c.getName());
  }
}

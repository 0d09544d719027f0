package io.duplex.internal.convert;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import com.google.common.reflect.TypeToken;
import io.duplex.NotRemote;

/**
 * The members the converter writes for a record or bean, by the converter's own rules (records by
 * their components, beans by {@link BeanProperties}), for the TypeScript typings.
 */
public final class BeanSurface {
  private BeanSurface() {}

  /**
   * @param type a record or bean type, possibly parameterized
   * @param raw its class
   * @return JSON member name to declared type (resolved against {@code type}), in written order
   */
  public static Map<String, Type> written(Type type, Class<?> raw) {
    Map<String, Type> members = new LinkedHashMap<>();
    if (raw.isRecord()) {
      TypeToken<?> owner = TypeToken.of(type);
      for (RecordComponent component : raw.getRecordComponents()) {
        if (component.isAnnotationPresent(NotRemote.class) || excluded(raw, component.getName())) {
          continue;
        }
        members.put(component.getName(), owner.resolveType(component.getGenericType()).getType());
      }
      return members;
    }
    for (BeanProperties.Readable property : BeanProperties.of(type, raw).readable()) {
      members.put(property.name(), property.type());
    }
    return members;
  }

  /** Whether {@code raw} is a class the converter writes as a bean (not a JDK class). */
  public static boolean isPlatform(Class<?> raw) {
    return BeanProperties.isPlatform(raw);
  }

  private static boolean excluded(Class<?> raw, String name) {
    try {
      Field field = raw.getDeclaredField(name);
      return field.isAnnotationPresent(NotRemote.class) || Modifier.isTransient(field.getModifiers());
    } catch (NoSuchFieldException e) {
      return false;
    }
  }
}

package io.duplex.internal;

/** Class-loader questions asked before defining generated classes (invokers, browser proxies). */
public final class ClassLoaders {
  private ClassLoaders() {}

  /** Whether {@code loader} resolves {@code type}'s name to {@code type} itself. */
  public static boolean sees(ClassLoader loader, Class<?> type) {
    try {
      return Class.forName(type.getName(), false, loader) == type;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}

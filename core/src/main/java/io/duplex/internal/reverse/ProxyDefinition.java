package io.duplex.internal.reverse;

/** Where the proxy class of an interface was made, best first. */
enum ProxyDefinition {
  /** Generated in the interface's own package and class loader: works for non-public interfaces. */
  INTERFACE_PACKAGE,
  /** Generated next to Duplex: for public interfaces in packages Duplex may not define into (java.*). */
  DUPLEX_PACKAGE,
  /** java.lang.reflect.Proxy, when no class can be generated that both sides can see. */
  REFLECTION
}

package io.duplex;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * How one service is exposed: its JavaScript name, its class, where instances come from, their
 * scope, and (for classes you cannot annotate) which methods are callable and by whom. Made by
 * {@link Duplex.Builder#expose(String, Class, java.util.function.Supplier)} and
 * {@link Duplex.Builder#exposeWithDuplex(String, Class, Function)}.
 */
public final class ServiceExposure<T> {
  private final Duplex.Builder owner;
  private final String name;
  private final Class<T> type;
  private final Function<? super Duplex, ? extends T> factory;
  private final boolean annotated;
  private Scope scope;
  private final Set<String> methods = new LinkedHashSet<>();
  private final Map<String, List<String>> roles = new LinkedHashMap<>();

  ServiceExposure(
      Duplex.Builder owner,
      String name,
      Class<T> type,
      Function<? super Duplex, ? extends T> factory,
      boolean annotated,
      Scope scope) {
    this.owner = owner;
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.factory = factory;
    this.annotated = annotated;
    this.scope = scope;
  }

  /**
   * Exposes these public methods by name (every overload of each name).
   *
   * @param names method names
   * @return this exposure
   */
  public ServiceExposure<T> methods(String... names) {
    methods.addAll(Arrays.asList(names));
    return this;
  }

  /**
   * How long one instance lives; {@link Scope#APPLICATION} unless set.
   *
   * @param scope the scope
   * @return this exposure
   */
  public ServiceExposure<T> scope(Scope scope) {
    this.scope = Objects.requireNonNull(scope, "scope");
    return this;
  }

  /**
   * Callers of {@code method} need at least one of {@code roles}.
   *
   * @param method a method name
   * @param roles role names
   * @return this exposure
   */
  public ServiceExposure<T> roles(String method, String... roles) {
    this.roles.put(method, List.of(roles));
    return this;
  }

  /** {@return the builder, to chain more settings} */
  public Duplex.Builder and() {
    return owner;
  }

  /** {@return the service's JavaScript name} */
  public String name() { return name; }
  /** {@return the class whose methods are exposed} */
  public Class<T> type() { return type; }
  /**
   * {@return where instances come from, given the Duplex the service is exposed by; null means the
   * class's public no-arg constructor}
   */
  public Function<? super Duplex, ? extends T> factory() { return factory; }
  /**
   * {@return true when methods come from {@link RemoteMethod} annotations, false for {@link
   * #methods}}
   */
  public boolean annotated() { return annotated; }
  /** {@return how long one instance lives} */
  public Scope scope() { return scope; }
  /** {@return the names given to {@link #methods(String...)}} */
  public Set<String> methods() { return Set.copyOf(methods); }
  /** {@return the roles per method name given to {@link #roles(String, String...)}} */
  public Map<String, List<String>> roles() { return Map.copyOf(roles); }
}

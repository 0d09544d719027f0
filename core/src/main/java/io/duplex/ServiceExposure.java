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

  /** Exposes these public methods by name (every overload of each name). */
  public ServiceExposure<T> methods(String... names) {
    methods.addAll(Arrays.asList(names));
    return this;
  }

  public ServiceExposure<T> scope(Scope scope) {
    this.scope = Objects.requireNonNull(scope, "scope");
    return this;
  }

  /** Callers of {@code method} need at least one of {@code roles}. */
  public ServiceExposure<T> roles(String method, String... roles) {
    this.roles.put(method, List.of(roles));
    return this;
  }

  /** Back to the builder, to chain more settings. */
  public Duplex.Builder and() {
    return owner;
  }

  public String name() { return name; }
  public Class<T> type() { return type; }
  /**
   * Where instances come from, given the Duplex the service is exposed by; null means the class's
   * public no-arg constructor.
   */
  public Function<? super Duplex, ? extends T> factory() { return factory; }
  /** True when methods come from {@link RemoteMethod} annotations, false for {@link #methods}. */
  public boolean annotated() { return annotated; }
  public Scope scope() { return scope; }
  public Set<String> methods() { return Set.copyOf(methods); }
  public Map<String, List<String>> roles() { return Map.copyOf(roles); }
}

package io.duplex.internal.remote;

import io.duplex.Duplex;
import io.duplex.ServiceExposure;
import io.duplex.internal.convert.JsonConverter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every exposed service, validated and prepared once at startup (methods, overloads, argument
 * readers, invokers), so that a call is resolved by map lookups alone.
 *
 * <p>Startup refuses, with an {@link IllegalStateException} naming the problem: duplicate or
 * malformed service names; an annotated service without {@code @RemoteMethod} methods; a
 * {@code @RemoteMethod} on a non-public or static method; {@code methods("x")} naming no public
 * method; exposing anything declared by {@code java.lang.Object}; two overloads the same JSON could
 * match; a service with neither factory nor public no-arg constructor.
 */
public final class ServiceRegistry {
  private final Map<String, ServiceDefinition> byName;
  private final List<ServiceDefinition> services;

  private ServiceRegistry(Map<String, ServiceDefinition> byName, List<ServiceDefinition> services) {
    this.byName = byName;
    this.services = services;
  }

  /**
   * @param duplex handed to the exposures' factories when they first run
   * @throws IllegalStateException when a service cannot be exposed as declared
   */
  public static ServiceRegistry create(List<ServiceExposure<?>> exposures, JsonConverter converter, Duplex duplex) {
    Map<String, ServiceDefinition> byName = new HashMap<>();
    List<ServiceDefinition> services = new ArrayList<>();
    for (ServiceExposure<?> exposure : exposures) {
      ServiceDefinition previous = byName.get(exposure.name());
      if (previous != null) {
        throw new IllegalStateException(
            "Two services are exposed as \"" + exposure.name() + "\": " + previous.type().getName() + " and "
                + exposure.type().getName());
      }
      ServiceDefinition service = ExposureScanner.scan(exposure, converter, duplex);
      byName.put(service.name(), service);
      services.add(service);
    }
    return new ServiceRegistry(byName, Collections.unmodifiableList(services));
  }

  public Optional<ServiceDefinition> service(String name) {
    return Optional.ofNullable(lookup(name));
  }

  /** Every service, in the order they were exposed. */
  public Collection<ServiceDefinition> services() {
    return services;
  }

  /**
   * Every role an exposed method names: a WebSocket knows its user's roles only during its upgrade
   * request, so the servlet asks that request about each of these then.
   */
  public java.util.Set<String> roles() {
    java.util.Set<String> roles = new java.util.TreeSet<>();
    for (ServiceDefinition service : services) {
      roles.addAll(service.roles());
    }
    return roles;
  }

  ServiceDefinition lookup(String name) {
    return name == null ? null : byName.get(name);
  }
}

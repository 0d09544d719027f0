package io.duplex.internal.remote;

import io.duplex.ServiceExposure;
import io.duplex.internal.convert.JsonConverter;
import java.util.List;
import java.util.Optional;

/** SEAM STUB — replaced by the remote implementation. */
public final class ServiceRegistry {
  public static ServiceRegistry create(List<ServiceExposure<?>> exposures, JsonConverter converter) {
    return new ServiceRegistry();
  }

  public Optional<ServiceDefinition> service(String name) {
    return Optional.empty();
  }
}

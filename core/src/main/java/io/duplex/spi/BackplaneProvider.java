package io.duplex.spi;

import io.duplex.DuplexConfig;
import java.net.URI;
import java.util.Set;

/**
 * Makes {@link Backplane}s for the URL schemes it knows. Found with {@link java.util.ServiceLoader}
 * (a module lists its provider in {@code META-INF/services/io.duplex.spi.BackplaneProvider}), by
 * the scheme of the {@code backplane} setting.
 */
public interface BackplaneProvider {
  /** @return the URL schemes this provider serves, e.g. {@code redis} and {@code rediss} */
  Set<String> schemes();

  /**
   * @param url the {@code backplane} setting
   * @param config every setting, for the backplane's bounds
   * @return a backplane not yet started
   */
  Backplane create(URI url, DuplexConfig config);
}

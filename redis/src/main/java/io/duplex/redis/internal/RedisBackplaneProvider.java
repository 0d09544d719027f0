package io.duplex.redis.internal;

import io.duplex.DuplexConfig;
import io.duplex.spi.Backplane;
import io.duplex.spi.BackplaneProvider;
import java.net.URI;
import java.util.Set;

/** Serves {@code backplane=redis://...} and {@code rediss://...} (found by ServiceLoader). */
public final class RedisBackplaneProvider implements BackplaneProvider {
  /** For ServiceLoader. */
  public RedisBackplaneProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("redis", "rediss");
  }

  @Override
  public Backplane create(URI url, DuplexConfig config) {
    return new RedisBackplane(url, config.backplaneBufferedPushes(), config.backplaneStreamLength());
  }
}

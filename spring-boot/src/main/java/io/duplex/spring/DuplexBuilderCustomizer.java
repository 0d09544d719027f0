package io.duplex.spring;

import io.duplex.Duplex;

/**
 * A bean of this type adjusts the {@link Duplex} the starter builds, after the {@code duplex.*}
 * properties and the {@code @RemoteService} beans are applied: expose a class that is not a bean,
 * add a {@link io.duplex.ScriptSessionListener}, mark exceptions client-visible.
 *
 * <pre>{@code
 * @Bean
 * DuplexBuilderCustomizer legacyServices() {
 *   return builder -> builder.expose("Legacy", LegacyApi.class, LegacyApi::new).methods("status");
 * }
 * }</pre>
 */
@FunctionalInterface
public interface DuplexBuilderCustomizer {
  /**
   * Adjusts the builder before the Duplex is built.
   *
   * @param builder the builder, with properties and {@code @RemoteService} beans already applied
   */
  void customize(Duplex.Builder builder);
}

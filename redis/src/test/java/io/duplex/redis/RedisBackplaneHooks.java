package io.duplex.redis;

/** Bounds the backplane documents, as the tests check them. */
final class RedisBackplaneHooks {
  /** A node that stopped drops out of the others' {@code nodes()} within a heartbeat (1 s) and then some. */
  static final long NODE_GONE_MILLIS = 2_500;

  private RedisBackplaneHooks() {}
}

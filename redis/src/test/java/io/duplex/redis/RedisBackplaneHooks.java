package io.duplex.redis;

/** Bounds the backplane documents, as the tests check them. */
final class RedisBackplaneHooks {
  /** A node that stopped drops out of the others' {@code nodes()} within a heartbeat (1 s) and then some. */
  static final long NODE_GONE_MILLIS = 2_500;

  /**
   * A node that died (no close) drops out when its heartbeat key expires: docs/scaling.md says
   * within 4 s (3 s TTL + a 1 s heartbeat); half a second more for a loaded test machine.
   */
  static final long NODE_DEAD_MILLIS = 4_500;

  private RedisBackplaneHooks() {}
}

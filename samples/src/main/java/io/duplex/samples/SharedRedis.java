package io.duplex.samples;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The demos' state when several sample processes share one Redis ({@code --redis}): the backplane
 * carries the pushes, this holds what the pushes are about (chat history, votes, the call queue), so
 * every process shows the same. Each change is one Lua script, atomic in Redis, that also returns
 * the version the pages order changes by. Keys start with {@code duplex-samples:}.
 */
public final class SharedRedis implements AutoCloseable {
  static final String PREFIX = "duplex-samples:";
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  /** How long the simulators' process keeps the lead without renewing it. */
  public static final Duration LEASE = Duration.ofSeconds(5);
  private static final String LEAD = """
      local holder = redis.call('GET', KEYS[1])
      if holder == false or holder == ARGV[1] then
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return {1}
      end
      return {0}
      """;

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final String processId = UUID.randomUUID().toString();

  private SharedRedis(RedisClient client) {
    this.client = client;
    this.connection = client.connect();
    this.connection.setTimeout(TIMEOUT);
  }

  /** Connects to {@code url} ({@code redis://host:port}). */
  public static SharedRedis connect(String url) {
    RedisClient client = RedisClient.create(RedisURI.create(url));
    try {
      return new SharedRedis(client);
    } catch (RuntimeException e) {
      client.shutdown();
      throw new IllegalStateException("The demos' shared state cannot reach Redis at " + url + ": " + e.getMessage(), e);
    }
  }

  /** Runs a Lua script on keys named under {@link #PREFIX}; its multi-bulk answer as a list. */
  public List<Object> run(String script, List<String> keys, String... args) {
    String[] prefixed = keys.stream().map(k -> PREFIX + k).toArray(String[]::new);
    return connection.sync().eval(script, ScriptOutputType.MULTI, prefixed, args);
  }

  /**
   * True in one process at a time: the one that runs the simulators (the next caller, the next talk
   * on stage, the quotes), so two processes do not both run them. It holds a lease that each call
   * renews; when it stops or dies another process takes over within {@link #LEASE}.
   */
  public boolean leads() {
    return asLong(run(LEAD, List.of("leader"), processId, Long.toString(LEASE.toMillis())).get(0)) == 1;
  }

  /** True in the first process ever to ask (until Redis is emptied): e.g. to seed the demo once. */
  public boolean claimOnce(String name) {
    return "OK".equals(connection.sync().set(PREFIX + "once:" + name, processId, SetArgs.Builder.nx()));
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }

  /** A script answer's element as a long (Redis integers arrive as Long, strings as String). */
  public static long asLong(Object value) {
    return value instanceof Long l ? l : Long.parseLong(value.toString());
  }
}

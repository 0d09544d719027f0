package io.duplex.samples.callcenter;

import io.duplex.samples.SharedRedis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The waiting callers in Redis, shared by every sample process on it: a hash of caller id to the
 * caller's fields, a sorted set by arrival time, one id counter and one version. A claim removes the
 * caller in one script, so exactly one agent of any process gets each call; who answered is kept
 * for an hour to tell a late agent.
 */
public final class RedisCallStore implements CallStore {
  private static final List<String> KEYS =
      List.of("calls:waiting", "calls:order", "calls:ids", "calls:version", "calls:answered:");
  /** ARGV: maxWaiting, then the stored fields: arrivedAt, number, name, address, event, payment, notes, nameIsNull. */
  private static final String ARRIVE = """
      if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[1]) then return {} end
      local id = redis.call('INCR', KEYS[3])
      local version = redis.call('INCR', KEYS[4])
      local fields = {}
      for i = 2, #ARGV do fields[#fields + 1] = ARGV[i] end
      fields[#fields + 1] = tostring(version)
      redis.call('HSET', KEYS[1], id, cjson.encode(fields))
      redis.call('ZADD', KEYS[2], ARGV[2], id)
      return {id, version}
      """;
  /** ARGV: callerId, agent. */
  private static final String CLAIM = """
      local entry = redis.call('HGET', KEYS[1], ARGV[1])
      if not entry then
        local earlier = redis.call('GET', KEYS[5] .. ARGV[1])
        if earlier then
          local e = cjson.decode(earlier)
          return {'taken', e[1], e[2]}
        end
        return {'gone'}
      end
      redis.call('HDEL', KEYS[1], ARGV[1])
      redis.call('ZREM', KEYS[2], ARGV[1])
      local version = redis.call('INCR', KEYS[4])
      local f = cjson.decode(entry)
      redis.call('SET', KEYS[5] .. ARGV[1], cjson.encode({ARGV[2], f[2]}), 'EX', 3600)
      local out = {'answered', version}
      for _, v in ipairs(f) do out[#out + 1] = v end
      return out
      """;
  /** ARGV: the oldest arrival (epoch millis) still waiting. */
  private static final String HANG_UP = """
      local out = {}
      for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1])) do
        redis.call('HDEL', KEYS[1], id)
        redis.call('ZREM', KEYS[2], id)
        out[#out + 1] = tonumber(id)
        out[#out + 1] = redis.call('INCR', KEYS[4])
      end
      return out
      """;
  private static final String SNAPSHOT = """
      local out = {tonumber(redis.call('GET', KEYS[4]) or '0')}
      for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
        local f = cjson.decode(redis.call('HGET', KEYS[1], id))
        out[#out + 1] = id
        for _, v in ipairs(f) do out[#out + 1] = v end
      end
      return out
      """;
  private static final String COUNT = "return {redis.call('HLEN', KEYS[1])}";
  /** Stored fields per caller: arrivedAt, number, name, address, event, payment, notes, nameIsNull, version. */
  private static final int FIELDS = 9;

  private final SharedRedis redis;

  /** @param redis the shared Redis */
  public RedisCallStore(SharedRedis redis) {
    this.redis = redis;
  }

  @Override
  public Optional<WaitingCaller> arrive(CallerProfile caller, Instant arrivedAt, int maxWaiting) {
    List<Object> answer = redis.run(ARRIVE, KEYS, Integer.toString(maxWaiting), Long.toString(arrivedAt.toEpochMilli()),
        caller.number(), caller.name() == null ? "" : caller.name(), caller.address(), caller.event(), caller.payment(),
        caller.notes(), caller.name() == null ? "1" : "0");
    if (answer.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new WaitingCaller(SharedRedis.asLong(answer.get(0)), SharedRedis.asLong(answer.get(1)), arrivedAt,
        caller.number(), caller.name()));
  }

  @Override
  public Claim claim(long callerId, String agent, Instant now) {
    List<Object> answer = redis.run(CLAIM, KEYS, Long.toString(callerId), agent);
    return switch (answer.get(0).toString()) {
      case "answered" -> {
        List<String> f = strings(answer.subList(2, answer.size()));
        CallerProfile profile = new CallerProfile(f.get(1), f.get(7).equals("1") ? null : f.get(2), f.get(3), f.get(4),
            f.get(5), f.get(6));
        yield new Claim(new AnsweredCall(callerId, Instant.ofEpochMilli(Long.parseLong(f.get(0))), now, agent, profile),
            SharedRedis.asLong(answer.get(1)), null, null);
      }
      case "taken" -> new Claim(null, 0, answer.get(1).toString(), answer.get(2).toString());
      default -> new Claim(null, 0, null, null);
    };
  }

  @Override
  public List<CallerLeft> hangUpArrivedBefore(Instant giveUpBefore) {
    List<Object> answer = redis.run(HANG_UP, KEYS, Long.toString(giveUpBefore.toEpochMilli()));
    List<CallerLeft> gone = new ArrayList<>();
    for (int i = 0; i + 1 < answer.size(); i += 2) {
      gone.add(new CallerLeft(SharedRedis.asLong(answer.get(i)), SharedRedis.asLong(answer.get(i + 1)),
          CallerLeft.Reason.HUNG_UP, null));
    }
    return gone;
  }

  @Override
  public QueueSnapshot snapshot(Instant now) {
    List<Object> answer = redis.run(SNAPSHOT, KEYS);
    List<WaitingCaller> rows = new ArrayList<>();
    for (int i = 1; i + FIELDS < answer.size(); i += FIELDS + 1) {
      List<String> f = strings(answer.subList(i + 1, i + 1 + FIELDS));
      rows.add(new WaitingCaller(Long.parseLong(answer.get(i).toString()), Long.parseLong(f.get(8)),
          Instant.ofEpochMilli(Long.parseLong(f.get(0))), f.get(1), f.get(7).equals("1") ? null : f.get(2)));
    }
    return new QueueSnapshot(SharedRedis.asLong(answer.get(0)), now, rows);
  }

  @Override
  public int waitingCount() {
    return (int) SharedRedis.asLong(redis.run(COUNT, KEYS).get(0));
  }

  private static List<String> strings(List<Object> values) {
    return values.stream().map(Object::toString).toList();
  }
}

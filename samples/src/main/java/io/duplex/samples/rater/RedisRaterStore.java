package io.duplex.samples.rater;

import io.duplex.samples.SharedRedis;
import java.time.Instant;
import java.util.List;

/**
 * The rater's votes and stage in Redis, shared by every sample process on it. Per talk: a hash of
 * voter to stars, and the sum and version beside it, changed together by one script.
 */
public final class RedisRaterStore implements RaterStore {
  private static final String RATE = """
      local previous = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
      local stars = tonumber(ARGV[2])
      local changed = 0
      if previous ~= stars then
        redis.call('HSET', KEYS[1], ARGV[1], stars)
        redis.call('HINCRBY', KEYS[2], 'sum', stars - previous)
        redis.call('HINCRBY', KEYS[2], 'version', 1)
        changed = 1
      end
      return {changed, tonumber(redis.call('HGET', KEYS[2], 'version') or '0'), redis.call('HLEN', KEYS[1]),
        tonumber(redis.call('HGET', KEYS[2], 'sum') or '0')}
      """;
  private static final String SCORE = """
      return {0, tonumber(redis.call('HGET', KEYS[2], 'version') or '0'), redis.call('HLEN', KEYS[1]),
        tonumber(redis.call('HGET', KEYS[2], 'sum') or '0')}
      """;
  private static final String STARS = "return {tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')}";
  /** ARGV[1]: the first stage's start, used when there is no stage yet. */
  private static final String STAGE = """
      redis.call('HSETNX', KEYS[1], 'version', 1)
      redis.call('HSETNX', KEYS[1], 'index', 0)
      redis.call('HSETNX', KEYS[1], 'startedAt', ARGV[1])
      return redis.call('HMGET', KEYS[1], 'version', 'index', 'startedAt')
      """;
  /** ARGV[1]: now, ARGV[2]: how many talks. */
  private static final String ADVANCE = """
      redis.call('HSETNX', KEYS[1], 'index', 0)
      local index = (tonumber(redis.call('HGET', KEYS[1], 'index')) + 1) % tonumber(ARGV[2])
      redis.call('HSET', KEYS[1], 'index', index, 'startedAt', ARGV[1])
      redis.call('HINCRBY', KEYS[1], 'version', 1)
      return redis.call('HMGET', KEYS[1], 'version', 'index', 'startedAt')
      """;
  private static final List<String> STAGE_KEYS = List.of("rater:stage");

  private final SharedRedis redis;
  private final Instant firstStart;

  /**
   * @param redis the shared Redis
   * @param now when the first talk started, if no process has started the programme yet
   */
  public RedisRaterStore(SharedRedis redis, Instant now) {
    this.redis = redis;
    this.firstStart = now;
    stage();
  }

  @Override
  public Scored rate(String talkId, String voter, int stars) {
    return scored(talkId, redis.run(RATE, keys(talkId), voter, Integer.toString(stars)));
  }

  @Override
  public TalkScore score(String talkId) {
    return scored(talkId, redis.run(SCORE, keys(talkId))).score();
  }

  @Override
  public int stars(String talkId, String voter) {
    return (int) SharedRedis.asLong(redis.run(STARS, keys(talkId), voter).get(0));
  }

  @Override
  public Stage stage() {
    return stage(redis.run(STAGE, STAGE_KEYS, Long.toString(firstStart.toEpochMilli())));
  }

  @Override
  public Stage advance(int talks, Instant now) {
    return stage(redis.run(ADVANCE, STAGE_KEYS, Long.toString(now.toEpochMilli()), Integer.toString(talks)));
  }

  private static Stage stage(List<Object> fields) {
    return new Stage(SharedRedis.asLong(fields.get(0)), (int) SharedRedis.asLong(fields.get(1)),
        Instant.ofEpochMilli(SharedRedis.asLong(fields.get(2))));
  }

  private static Scored scored(String talkId, List<Object> answer) {
    return new Scored(
        TalkScore.of(talkId, SharedRedis.asLong(answer.get(1)), (int) SharedRedis.asLong(answer.get(2)), SharedRedis.asLong(answer.get(3))),
        SharedRedis.asLong(answer.get(0)) == 1);
  }

  private static List<String> keys(String talkId) {
    return List.of("rater:votes:" + talkId, "rater:score:" + talkId);
  }
}

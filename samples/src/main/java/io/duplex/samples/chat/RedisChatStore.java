package io.duplex.samples.chat;

import io.duplex.samples.SharedRedis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The chat's state in Redis, shared by every sample process on it: message ids from one counter,
 * one history list, one member list with one version. A member is kept while the process holding
 * its page says it is still open ({@link #touch}): the members of a process that died without
 * saying goodbye leave within {@link #MEMBER_TTL}.
 */
public final class RedisChatStore implements ChatStore {
  /** A member whose process has not touched it for this long is gone. */
  public static final Duration MEMBER_TTL = Duration.ofSeconds(30);
  private static final List<String> MESSAGE_KEYS = List.of("chat:history", "chat:ids");
  private static final List<String> MEMBER_KEYS = List.of("chat:members", "chat:seen", "chat:version");

  private static final String APPEND = """
      local id = redis.call('INCR', KEYS[2])
      redis.call('RPUSH', KEYS[1], cjson.encode({tostring(id), ARGV[1], ARGV[2], ARGV[3]}))
      redis.call('LTRIM', KEYS[1], -tonumber(ARGV[4]), -1)
      return {id}
      """;
  private static final String HISTORY = """
      local out = {}
      for _, entry in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
        for _, field in ipairs(cjson.decode(entry)) do out[#out + 1] = field end
      end
      return out
      """;
  /** Every member script starts by dropping members not touched since ARGV[1]; ARGV[2] is now. */
  private static final String PRUNE = """
      local changed = 0
      for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1])) do
        redis.call('HDEL', KEYS[1], id)
        redis.call('ZREM', KEYS[2], id)
        changed = 1
      end
      """;
  private static final String ANSWER = """
      if changed == 1 then redis.call('INCR', KEYS[3]) end
      local out = {changed, tonumber(redis.call('GET', KEYS[3]) or '0')}
      for _, name in ipairs(redis.call('HVALS', KEYS[1])) do out[#out + 1] = name end
      return out
      """;
  private static final String JOIN = PRUNE + """
      if redis.call('HGET', KEYS[1], ARGV[3]) ~= ARGV[4] then
        redis.call('HSET', KEYS[1], ARGV[3], ARGV[4])
        changed = 1
      end
      redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
      """ + ANSWER;
  private static final String LEAVE = PRUNE + """
      if redis.call('HDEL', KEYS[1], ARGV[3]) == 1 then changed = 1 end
      redis.call('ZREM', KEYS[2], ARGV[3])
      """ + ANSWER;
  private static final String TOUCH = PRUNE + """
      for i = 3, #ARGV do redis.call('ZADD', KEYS[2], 'XX', ARGV[2], ARGV[i]) end
      """ + ANSWER;

  private final SharedRedis redis;
  private final Clock clock;
  private final int historySize;

  /**
   * @param redis the shared Redis
   * @param clock for members' last-seen times
   * @param historySize how many recent messages to keep
   */
  public RedisChatStore(SharedRedis redis, Clock clock, int historySize) {
    this.redis = redis;
    this.clock = clock;
    this.historySize = historySize;
  }

  @Override
  public Message append(String from, String text, Instant at) {
    long id = SharedRedis.asLong(
        redis.run(APPEND, MESSAGE_KEYS, Long.toString(at.toEpochMilli()), from, text, Integer.toString(historySize)).get(0));
    return new Message(id, from, text, at);
  }

  @Override
  public List<Message> history() {
    List<Object> fields = redis.run(HISTORY, MESSAGE_KEYS);
    List<Message> history = new ArrayList<>(fields.size() / 4);
    for (int i = 0; i + 3 < fields.size(); i += 4) {
      history.add(new Message(Long.parseLong(fields.get(i).toString()), fields.get(i + 2).toString(),
          fields.get(i + 3).toString(), Instant.ofEpochMilli(Long.parseLong(fields.get(i + 1).toString()))));
    }
    return history;
  }

  @Override
  public Change join(String pageId, String nickname) {
    return change(JOIN, pageId, nickname);
  }

  @Override
  public Change leave(String pageId) {
    return change(LEAVE, pageId);
  }

  @Override
  public Presence presence() {
    return change(TOUCH).presence();
  }

  /**
   * This process's joined pages are still open: keeps them on the list.
   *
   * @param pageIds script session ids of this process's joined chat pages
   * @return who is here now, and whether pruning others changed it
   */
  public Change touch(Collection<String> pageIds) {
    return change(TOUCH, pageIds.toArray(String[]::new));
  }

  private Change change(String script, String... args) {
    long now = clock.millis();
    String[] all = new String[args.length + 2];
    all[0] = Long.toString(now - MEMBER_TTL.toMillis());
    all[1] = Long.toString(now);
    System.arraycopy(args, 0, all, 2, args.length);
    List<Object> answer = redis.run(script, MEMBER_KEYS, all);
    TreeSet<String> names = new TreeSet<>();
    for (int i = 2; i < answer.size(); i++) {
      names.add(answer.get(i).toString());
    }
    return new Change(new Presence(SharedRedis.asLong(answer.get(1)), List.copyOf(names)), SharedRedis.asLong(answer.get(0)) == 1);
  }
}

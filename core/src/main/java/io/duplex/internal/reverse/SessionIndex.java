package io.duplex.internal.reverse;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open script sessions, by id and by every other {@link SessionKey}. Each secondary index maps a
 * value to a concurrent set; sets are created and removed atomically with their first and last
 * member, so an index never keeps empty entries for pages long gone.
 */
final class SessionIndex {
  private final ConcurrentHashMap<String, ScriptSessionImpl> byId = new ConcurrentHashMap<>();
  private final Map<SessionKey, ConcurrentHashMap<String, Set<ScriptSessionImpl>>> byKey =
      new EnumMap<>(SessionKey.class);

  SessionIndex() {
    for (SessionKey key : SessionKey.values()) {
      if (key != SessionKey.ID) {
        byKey.put(key, new ConcurrentHashMap<>());
      }
    }
  }

  void add(ScriptSessionImpl session) {
    byId.put(session.id(), session);
    byKey.keySet().forEach(key -> join(session, key, key.of(session)));
  }

  void remove(ScriptSessionImpl session) {
    byId.remove(session.id(), session);
    byKey.keySet().forEach(key -> leave(session, key, key.of(session)));
    for (String topic : session.topics()) {
      leave(session, SessionKey.TOPIC, topic);
    }
  }

  /** Puts {@code session} in {@code topic}'s set; the caller holds the session's identity lock. */
  void subscribe(ScriptSessionImpl session, String topic) {
    join(session, SessionKey.TOPIC, topic);
  }

  /** Takes {@code session} out of {@code topic}'s set; the caller holds its identity lock. */
  void unsubscribe(ScriptSessionImpl session, String topic) {
    leave(session, SessionKey.TOPIC, topic);
  }

  /** How many topics have a subscribed page now. */
  int topicCount() {
    return byKey.get(SessionKey.TOPIC).size();
  }

  /** Puts {@code session} in the set of {@code key = value} (a null value is not indexed). */
  void join(ScriptSessionImpl session, SessionKey key, String value) {
    if (value != null) {
      byKey.get(key).compute(
          value,
          (v, set) -> {
            Set<ScriptSessionImpl> members = set == null ? ConcurrentHashMap.newKeySet() : set;
            members.add(session);
            return members;
          });
    }
  }

  /** Takes {@code session} out of the set of {@code key = value}, dropping the set when empty. */
  void leave(ScriptSessionImpl session, SessionKey key, String value) {
    if (value != null) {
      byKey.get(key).computeIfPresent(
          value,
          (v, set) -> {
            set.remove(session);
            return set.isEmpty() ? null : set;
          });
    }
  }

  ScriptSessionImpl get(String id) {
    return id == null ? null : byId.get(id);
  }

  Collection<ScriptSessionImpl> all() {
    return byId.values();
  }

  /** The sessions whose {@code key} is {@code value}: a live view, weakly consistent. */
  Collection<ScriptSessionImpl> matching(SessionKey key, String value) {
    if (key == SessionKey.ID) {
      ScriptSessionImpl session = byId.get(value);
      return session == null ? Collections.emptySet() : Collections.singleton(session);
    }
    Set<ScriptSessionImpl> set = byKey.get(key).get(value);
    return set == null ? Collections.emptySet() : set;
  }
}

package io.duplex.samples.chat;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The chat's state in this process; guarded by its {@link ChatRoom}'s lock. */
public final class MemoryChatStore implements ChatStore {
  private final int historySize;
  private final ArrayDeque<Message> history = new ArrayDeque<>();
  /** Script session id to nickname, one entry per joined page. */
  private final Map<String, String> members = new HashMap<>();
  private long lastMessageId;
  private long presenceVersion;

  /** @param historySize how many recent messages to keep */
  public MemoryChatStore(int historySize) {
    if (historySize < 1) {
      throw new IllegalArgumentException("historySize must be positive");
    }
    this.historySize = historySize;
  }

  @Override
  public Message append(String from, String text, Instant at) {
    Message message = new Message(++lastMessageId, from, text, at);
    history.addLast(message);
    if (history.size() > historySize) {
      history.removeFirst();
    }
    return message;
  }

  @Override
  public List<Message> history() {
    return List.copyOf(history);
  }

  @Override
  public Change join(String pageId, String nickname) {
    boolean changed = !nickname.equals(members.put(pageId, nickname));
    if (changed) {
      presenceVersion++;
    }
    return new Change(presence(), changed);
  }

  @Override
  public Change leave(String pageId) {
    boolean changed = members.remove(pageId) != null;
    if (changed) {
      presenceVersion++;
    }
    return new Change(presence(), changed);
  }

  @Override
  public Presence presence() {
    return new Presence(presenceVersion, List.copyOf(new TreeSet<>(members.values())));
  }
}

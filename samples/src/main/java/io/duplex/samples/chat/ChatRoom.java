package io.duplex.samples.chat;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The chat's state: recent history and the nickname of each joined page. Every change is pushed to
 * the chat pages while the room's lock is held, so pages receive changes in the order they happened.
 */
public final class ChatRoom {
  static final int MAX_NICKNAME = 24;
  static final int MAX_TEXT = 500;

  private final ChatPage pages;
  private final Clock clock;
  private final int historySize;
  private final ArrayDeque<Message> history = new ArrayDeque<>();
  /** Script session id to nickname, one entry per joined page. */
  private final Map<String, String> members = new HashMap<>();
  private long lastMessageId;
  private long presenceVersion;

  public ChatRoom(ChatPage pages, Clock clock, int historySize) {
    if (historySize < 1) {
      throw new IllegalArgumentException("historySize must be positive");
    }
    this.pages = pages;
    this.clock = clock;
    this.historySize = historySize;
  }

  /** The cleaned nickname, or a {@link ChatRejected.NicknameInvalid} saying what is wrong. */
  public static String cleanNickname(String nickname) {
    String name = nickname == null ? "" : collapseWhitespace(nickname);
    if (name.isEmpty()) {
      throw new ChatRejected.NicknameInvalid("Please type a nickname");
    }
    if (name.length() > MAX_NICKNAME) {
      throw new ChatRejected.NicknameInvalid("A nickname has at most " + MAX_NICKNAME + " characters");
    }
    return name;
  }

  /** Records (or renames) the page's member and tells every chat page who is here. */
  public synchronized Presence join(String scriptSessionId, String nickname) {
    String name = cleanNickname(nickname);
    String previous = members.put(scriptSessionId, name);
    if (!name.equals(previous)) {
      publishPresence();
    }
    return presence();
  }

  /** Forgets the page's member, if it had joined; true when the who-is-here list changed. */
  public synchronized boolean leave(String scriptSessionId) {
    if (members.remove(scriptSessionId) == null) {
      return false;
    }
    publishPresence();
    return true;
  }

  /** Stores the message and pushes it to every chat page. */
  public synchronized Message send(String nickname, String text) {
    String body = text == null ? "" : text.strip();
    if (body.isEmpty()) {
      throw new ChatRejected.MessageInvalid("Type a message first");
    }
    if (body.length() > MAX_TEXT) {
      throw new ChatRejected.MessageInvalid("A message has at most " + MAX_TEXT + " characters");
    }
    Message message = new Message(++lastMessageId, nickname, body, clock.instant());
    history.addLast(message);
    if (history.size() > historySize) {
      history.removeFirst();
    }
    pages.addMessage(message);
    return message;
  }

  public synchronized ChatState state() {
    return new ChatState(List.copyOf(history), presence());
  }

  public synchronized Presence presence() {
    return new Presence(presenceVersion, List.copyOf(new TreeSet<>(members.values())));
  }

  private void publishPresence() {
    presenceVersion++;
    pages.presenceChanged(presence());
  }

  private static String collapseWhitespace(String s) {
    return s.strip().replaceAll("\\s+", " ");
  }
}

package io.duplex.samples.chat;

import java.time.Clock;

/**
 * The chat: recent history and the nickname of each joined page, kept in a {@link ChatStore}. Every
 * change is pushed to the chat pages while the room's lock is held, so pages receive this process's
 * changes in the order they happened; with a shared store, versions and ids (given by the store)
 * let pages order changes made by several processes.
 */
public final class ChatRoom {
  static final int MAX_NICKNAME = 24;
  static final int MAX_TEXT = 500;

  private final ChatPage pages;
  private final Clock clock;
  private final ChatStore store;

  public ChatRoom(ChatPage pages, Clock clock, int historySize) {
    this(pages, clock, new MemoryChatStore(historySize));
  }

  /** A room on the given state: {@link MemoryChatStore}, or Redis when processes share one chat. */
  public ChatRoom(ChatPage pages, Clock clock, ChatStore store) {
    this.pages = pages;
    this.clock = clock;
    this.store = store;
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
    ChatStore.Change change = store.join(scriptSessionId, cleanNickname(nickname));
    if (change.changed()) {
      pages.presenceChanged(change.presence());
    }
    return change.presence();
  }

  /** Forgets the page's member, if it had joined; true when the who-is-here list changed. */
  public synchronized boolean leave(String scriptSessionId) {
    ChatStore.Change change = store.leave(scriptSessionId);
    if (change.changed()) {
      pages.presenceChanged(change.presence());
    }
    return change.changed();
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
    Message message = store.append(nickname, body, clock.instant());
    pages.addMessage(message);
    return message;
  }

  public synchronized ChatState state() {
    return new ChatState(store.history(), store.presence());
  }

  public synchronized Presence presence() {
    return store.presence();
  }

  /**
   * Pushes a who-is-here list that changed elsewhere (a shared store dropped the members of a
   * process that died).
   */
  public synchronized void presenceChanged(Presence presence) {
    pages.presenceChanged(presence);
  }

  private static String collapseWhitespace(String s) {
    return s.strip().replaceAll("\\s+", " ");
  }
}

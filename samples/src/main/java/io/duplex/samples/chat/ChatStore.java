package io.duplex.samples.chat;

import java.time.Instant;
import java.util.List;

/** Where the chat's history and members live: this process ({@link MemoryChatStore}) or Redis. */
public interface ChatStore {
  /**
   * Stores a message under the next id, keeping only the most recent ones.
   *
   * @param from the sender's nickname
   * @param text the cleaned text
   * @param at when it was sent
   * @return the stored message
   */
  Message append(String from, String text, Instant at);

  /** {@return the most recent messages, oldest first} */
  List<Message> history();

  /**
   * Records (or renames) a page's member.
   *
   * @param pageId the page's script session id
   * @param nickname the cleaned nickname
   * @return who is here now, and whether that changed
   */
  Change join(String pageId, String nickname);

  /**
   * Forgets a page's member.
   *
   * @param pageId the page's script session id
   * @return who is here now, and whether that changed
   */
  Change leave(String pageId);

  /** {@return who is here now} */
  Presence presence();

  /**
   * Who is here after a join or leave.
   *
   * @param presence the list after the change
   * @param changed false when the change changed nothing
   */
  record Change(Presence presence, boolean changed) {}
}

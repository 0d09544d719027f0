package io.duplex.samples.chat;

import io.duplex.ScriptSession;
import io.duplex.ScriptSessionListener;

/** Takes a chat page's nickname off the who-is-here list when the page closes or times out. */
public final class ChatPresence implements ScriptSessionListener {
  private final String chatPage;
  private final ChatRoom room;

  public ChatPresence(String chatPage, ChatRoom room) {
    this.chatPage = chatPage;
    this.room = room;
  }

  @Override
  public void destroyed(ScriptSession session) {
    if (chatPage.equals(session.page())) {
      room.leave(session.id());
    }
  }
}

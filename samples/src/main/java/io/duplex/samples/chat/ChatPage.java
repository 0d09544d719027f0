package io.duplex.samples.chat;

import io.duplex.ScriptName;

/** The JavaScript object {@code chat} in every chat page; the server calls it through a typed proxy. */
@ScriptName("chat")
public interface ChatPage {
  /** Shows a new message. */
  void addMessage(Message message);

  /** Replaces the who-is-here list. */
  @ScriptName("setPresence")
  void presenceChanged(Presence presence);
}

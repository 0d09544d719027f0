package io.duplex.samples.chat;

import io.duplex.ClientVisible;

/** Why the chat refused a nickname or a message; the page shows the message next to the input. */
public final class ChatRejected {
  private ChatRejected() {}

  @ClientVisible(code = "NICKNAME_INVALID")
  public static final class NicknameInvalid extends RuntimeException {
    NicknameInvalid(String why) {
      super(why);
    }
  }

  @ClientVisible(code = "MESSAGE_INVALID")
  public static final class MessageInvalid extends RuntimeException {
    MessageInvalid(String why) {
      super(why);
    }
  }

  @ClientVisible(code = "NOT_JOINED")
  public static final class NotJoined extends RuntimeException {
    NotJoined() {
      super("Pick a nickname and join before sending");
    }
  }
}

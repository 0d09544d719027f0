package io.duplex.samples.chat;

import io.duplex.CallContext;
import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import io.duplex.ScriptSession;
import java.util.function.Supplier;

/**
 * The chat's forward calls. A page joins with a nickname, which is kept as an attribute of its
 * script session: messages are signed with it, so a page cannot send under another name.
 */
@RemoteService(name = "Chat")
public final class ChatService {
  /** The script-session attribute holding a joined page's nickname. */
  public static final String NICKNAME = "nickname";

  private final Supplier<ChatRoom> room;

  public ChatService(Supplier<ChatRoom> room) {
    this.room = room;
  }

  /** Recent messages and who is here; called when a chat page opens (and after a resync). */
  @RemoteMethod
  public ChatState recent() {
    return room.get().state();
  }

  /** Joins (or renames) this page; every chat page's who-is-here list updates. */
  @RemoteMethod
  public Joined join(String nickname, CallContext call) {
    ScriptSession page = call.scriptSession();
    String name = ChatRoom.cleanNickname(nickname);
    Presence presence = room.get().join(page.id(), name);
    page.setAttribute(NICKNAME, name);
    return new Joined(name, presence);
  }

  /** Sends a message signed with this page's nickname to every chat page. */
  @RemoteMethod
  public Message send(String text, CallContext call) {
    Object nickname = call.scriptSession().getAttribute(NICKNAME);
    if (!(nickname instanceof String name)) {
      throw new ChatRejected.NotJoined();
    }
    return room.get().send(name, text);
  }
}

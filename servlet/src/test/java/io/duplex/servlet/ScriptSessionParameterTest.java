package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.Duplex;
import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import io.duplex.ScriptSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A ScriptSession parameter is the calling page, injected like HttpSession, not sent by the page. */
class ScriptSessionParameterTest {
  @RemoteService(name = "Room")
  public static class Room {
    @RemoteMethod
    public String join(ScriptSession page, String room) {
      page.setAttribute("room", room);
      return page.page() + " joined " + room;
    }
  }

  @RegisterExtension
  static final RunningServer app = new RunningServer(() -> Duplex.builder().expose(Room.class).build());

  @Test
  void theCallingPageIsInjected() {
    DuplexTestClient page = app.server().client().handshake("/chat.html");

    assertEquals("/chat.html joined lobby", page.value("Room", "join", "lobby").getAsString());
    assertEquals(
        1, app.duplex().browser().page("/chat.html").filter(s -> "lobby".equals(s.getAttribute("room"))).count());
  }

  @Test
  void theStubDoesNotAskThePageForIt() {
    String stub = app.server().client().get("interface/Room.js").body();

    assertTrue(stub.contains("\"room\""), stub);
    assertFalse(stub.contains("\"page\""), stub);
  }
}

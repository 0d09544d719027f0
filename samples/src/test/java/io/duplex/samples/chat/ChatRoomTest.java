package io.duplex.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.samples.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRoomTest {
  /** What the chat pages were told, in order. */
  static final class RecordingChatPages implements ChatPage {
    final List<Message> messages = new ArrayList<>();
    final List<Presence> presences = new ArrayList<>();

    @Override
    public void addMessage(Message message) {
      messages.add(message);
    }

    @Override
    public void presenceChanged(Presence presence) {
      presences.add(presence);
    }
  }

  private final RecordingChatPages pages = new RecordingChatPages();
  private final TestClock clock = new TestClock(Instant.parse("2026-11-24T09:00:00Z"));
  private final ChatRoom room = new ChatRoom(pages, clock, 3);

  @Test
  void aSentMessageIsPushedToThePagesAndKeptInHistory() {
    clock.advance(Duration.ofSeconds(5));
    Message sent = room.send("ann", "  hello  ");

    assertEquals(new Message(1, "ann", "hello", Instant.parse("2026-11-24T09:00:05Z")), sent);
    assertEquals(List.of(sent), pages.messages);
    assertEquals(List.of(sent), room.state().history());
  }

  @Test
  void historyKeepsOnlyTheMostRecentMessagesOldestFirst() {
    for (int i = 1; i <= 5; i++) {
      room.send("ann", "m" + i);
    }
    assertEquals(
        List.of("m3", "m4", "m5"), room.state().history().stream().map(Message::text).toList());
    assertEquals(List.of(3L, 4L, 5L), room.state().history().stream().map(Message::id).toList());
  }

  @Test
  void joiningAndLeavingUpdatesWhoIsHereWithAGrowingVersion() {
    Presence afterAnn = room.join("page-1", "ann");
    Presence afterBob = room.join("page-2", "  bob ");

    assertEquals(List.of("ann"), afterAnn.nicknames());
    assertEquals(List.of("ann", "bob"), afterBob.nicknames());
    assertTrue(room.leave("page-1"));
    assertEquals(List.of(List.of("ann"), List.of("ann", "bob"), List.of("bob")),
        pages.presences.stream().map(Presence::nicknames).toList());
    assertEquals(List.of(1L, 2L, 3L), pages.presences.stream().map(Presence::version).toList());
  }

  @Test
  void twoPagesOfOnePersonShowTheNameOnceUntilBothClose() {
    room.join("tab-1", "ann");
    room.join("tab-2", "ann");
    assertEquals(List.of("ann"), room.presence().nicknames());
    room.leave("tab-1");
    assertEquals(List.of("ann"), room.presence().nicknames());
    room.leave("tab-2");
    assertEquals(List.of(), room.presence().nicknames());
  }

  @Test
  void aPageThatNeverJoinedLeavesWithoutAPush() {
    assertFalse(room.leave("stranger"));
    assertEquals(List.of(), pages.presences);
  }

  @Test
  void rejoiningUnderTheSameNameChangesNothing() {
    room.join("page-1", "ann");
    room.join("page-1", "ann");
    assertEquals(1, pages.presences.size());
    room.join("page-1", "anna");
    assertEquals(List.of("anna"), room.presence().nicknames());
  }

  @Test
  void badNicknamesAndMessagesAreRefusedWithTheirCodes() {
    assertThrows(ChatRejected.NicknameInvalid.class, () -> room.join("p", "   "));
    assertThrows(ChatRejected.NicknameInvalid.class, () -> room.join("p", "x".repeat(25)));
    assertThrows(ChatRejected.MessageInvalid.class, () -> room.send("ann", " "));
    assertThrows(ChatRejected.MessageInvalid.class, () -> room.send("ann", "x".repeat(501)));
    assertEquals(List.of(), pages.messages);
    assertEquals(List.of(), pages.presences);
  }
}

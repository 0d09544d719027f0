package io.duplex.redis.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a node's cursor tells it that pushes it had not read are gone. */
class StreamInfoTest {
  private static StreamInfo info(String last, String maxDeleted, String first) {
    List<Object> reply = new ArrayList<>();
    reply.add(bytes("length"));
    reply.add(10L);
    reply.add(bytes("last-generated-id"));
    reply.add(bytes(last));
    reply.add(bytes("max-deleted-entry-id"));
    reply.add(bytes(maxDeleted));
    reply.add(bytes("first-entry"));
    reply.add(first == null ? null : List.of(bytes(first), List.of(bytes("m"), bytes("x"))));
    return StreamInfo.of(reply);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aCursorAtTheHeadOfAStreamTrimmedBehindItLostNothing() {
    assertFalse(info("100-0", "40-0", "41-0").lostAfter(StreamId.parse("100-0")));
    assertFalse(info("100-0", "40-0", "41-0").lostAfter(StreamId.parse("41-0")));
  }

  @Test
  void trimmingPastTheCursorIsALoss() {
    assertTrue(info("100-0", "60-0", "61-0").lostAfter(StreamId.parse("50-0")));
    // Ids compare as numbers, not text: 9-0 is before 10-0.
    assertTrue(info("100-0", "10-0", "11-0").lostAfter(StreamId.parse("9-0")));
  }

  @Test
  void aStreamThatStartedOverIsALoss() {
    // Redis restarted: a new stream whose ids are past the cursor but which never held it.
    assertTrue(info("200-0", "0-0", "150-0").lostAfter(StreamId.parse("100-0")));
    // Or one whose ids are before the cursor (the clock went back).
    assertTrue(info("50-0", "0-0", "50-0").lostAfter(StreamId.parse("100-0")));
  }

  @Test
  void aNodeThatStartedOnAnEmptyStreamHasNothingToLose() {
    assertFalse(info("200-0", "0-0", "150-0").lostAfter(StreamId.ZERO));
  }
}

package io.duplex.internal.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The backplane's push encoding: what one node writes another reads, and a corrupt message is refused. */
class ClusterPushTest {
  private static final SessionKey[] PAGE = {SessionKey.values()[0]};

  private static byte[] encoded() {
    return new ClusterPush(PAGE, new String[] {"/chat.html"}, List.of(new byte[] {1, 2, 3}, new byte[0])).encode();
  }

  @Test
  void aPushReadsBackAsWritten() {
    ClusterPush push = ClusterPush.decode(encoded());

    assertArrayEquals(PAGE, push.keys());
    assertArrayEquals(new String[] {"/chat.html"}, push.values());
    assertEquals(2, push.payloads().size());
    assertArrayEquals(new byte[] {1, 2, 3}, push.payloads().get(0));
    assertEquals(0, push.payloads().get(1).length);
  }

  @Test
  void sizesThatLieAreRefusedBeforeAnythingIsAllocatedForThem() {
    byte[] whole = encoded();
    int countAt = whole.length - (4 + 3) - (4 + 0) - 4;

    byte[] manyPayloads = whole.clone();
    ByteBuffer.wrap(manyPayloads).putInt(countAt, Integer.MAX_VALUE);
    IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> ClusterPush.decode(manyPayloads));
    assertEquals(Integer.MAX_VALUE + " payloads with 11 bytes left", count.getMessage());

    byte[] hugePayload = whole.clone();
    ByteBuffer.wrap(hugePayload).putInt(countAt + 4, Integer.MAX_VALUE);
    assertThrows(IllegalArgumentException.class, () -> ClusterPush.decode(hugePayload));

    assertThrows(IllegalArgumentException.class, () -> ClusterPush.decode(Arrays.copyOf(whole, whole.length - 1)));
    assertThrows(IllegalArgumentException.class, () -> ClusterPush.decode(Arrays.copyOf(whole, whole.length + 1)));
  }
}

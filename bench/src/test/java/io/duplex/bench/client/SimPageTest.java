package io.duplex.bench.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench's own bookkeeping: a wrong count here would make every W2 figure a lie. */
class SimPageTest {
  @Test
  void countsLostDuplicatedAndOutOfOrderRoundsPerPage() {
    SimPage page = new SimPage(0, "/bench.html");
    synchronized (page) {
      assertEquals(1, page.checkRound(1));
      assertEquals(2, page.checkRound(3)); // 2 missing: lost for now
      assertEquals(-1, page.checkRound(3)); // again: duplicate
      assertEquals(0, page.checkRound(2)); // late: out of order, no longer lost
      assertEquals(1, page.checkRound(4));
    }
    assertEquals(0, page.settleTail(6) - 2); // 5 and 6 never came
    assertArrayEquals(new long[] {2, 1, 1, 0, 0}, page.counts());
  }

  @Test
  void appliesReverseObjectsExactlyOnceAndStopsAtAGap() {
    SimPage page = new SimPage(0, "/bench.html");
    List<Long> ran = new ArrayList<>();
    MessageSink sink = (p, seq, sent, received) -> ran.add(seq);

    assertTrue(page.accept(reverse("{\"calls\":[" + entry(1, 10) + "," + entry(2, 11) + "]}"), sink, 0));
    assertTrue(page.accept(reverse("{\"calls\":[" + entry(2, 11) + "," + entry(3, 12) + "]}"), sink, 0));
    assertFalse(page.accept(reverse("{\"calls\":[" + entry(5, 14) + "]}"), sink, 0));
    assertTrue(page.accept(reverse("{\"resync\":{\"dropped\":2,\"next\":6},\"calls\":[" + entry(6, 15) + "]}"), sink, 0));

    assertEquals(List.of(10L, 11L, 12L, 15L), ran);
    assertEquals(6, page.lastSeq());
    assertEquals(2, page.counts()[3]);
  }

  private static ReverseReader reverse(String json) {
    byte[] line = ("{\"reverse\":" + json + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return new ReverseReader().read(line, 0, line.length);
  }

  private static String entry(long seq, long round) {
    return "{\"seq\":" + seq + ",\"fn\":\"bench.addMessage\",\"args\":[{\"seq\":" + round
        + ",\"sentNanos\":\"12345\",\"text\":\"x\"}]}";
  }
}

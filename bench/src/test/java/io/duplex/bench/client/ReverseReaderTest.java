package io.duplex.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReverseReaderTest {
  private final ReverseReader reader = new ReverseReader();

  private ReverseReader read(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return reader.read(bytes, 0, bytes.length);
  }

  @Test
  void readsASocketResultsLineForWs1() {
    read("{\"n\":3,\"v\":1,\"results\":[{\"id\":7,\"value\":\"hello\"}]}");
    assertEquals(1, reader.results);
    assertEquals("hello", reader.firstValue);
    assertFalse(reader.hasReverse);

    read("{\"n\":4,\"results\":[{\"value\":{\"text\":\"hello\"},\"id\":8},{\"id\":9,\"value\":\"x\"}]}");
    assertEquals(2, reader.results);
    assertNull(reader.firstValue, "an object value is not a string");

    read("{\"v\":1,\"open\":true}");
    assertEquals(-1, reader.results);
    assertTrue(reader.open);
  }

  @Test
  void readsEntriesResyncAndMessagesWhateverTheMemberOrder() {
    read("{\"v\":1,\"results\":[{\"id\":1,\"value\":{\"a\":[1,2,{\"b\":\"}\"}]}}],"
        + "\"reverse\":{\"resync\":{\"next\":7,\"dropped\":3},\"calls\":["
        + "{\"fn\":\"bench.addMessage\",\"seq\":7,\"args\":[{\"text\":\"a \\\"q\\\" \\u00e9\",\"sentNanos\":\"9007199254740993\",\"seq\":41}]},"
        + "{\"seq\":8,\"handle\":\"f7\",\"args\":[42, null, true]},"
        + "{\"seq\":9,\"fn\":\"app.other\",\"args\":[]},"
        + "{\"seq\":10,\"release\":\"f7\"}],\"ackNow\":true}}");

    assertTrue(reader.hasReverse);
    assertTrue(reader.ackNow);
    assertTrue(reader.hasResync);
    assertEquals(3, reader.resyncDropped);
    assertEquals(7, reader.resyncNext);
    assertEquals(4, reader.count);
    assertEquals(7, reader.seq[0]);
    assertSame(ReverseReader.ADD_MESSAGE, reader.fn[0]);
    assertEquals(41, reader.messageSeq[0]);
    assertEquals(9007199254740993L, reader.messageSent[0]);
    assertNull(reader.fn[1]);
    assertEquals("app.other", reader.fn[2]);
    assertEquals(10, reader.seq[3]);
  }

  @Test
  void readsStreamControlLines() {
    assertTrue(read("{\"v\":1,\"open\":true}").open);
    assertEquals("replaced", read("{\"close\":\"replaced\"}").close);
    ReverseReader heartbeat = read("{\"hb\":1}");
    assertFalse(heartbeat.hasReverse);
    assertNull(heartbeat.close);
    assertEquals(0, read("{\"v\":1,\"reverse\":{}}").count);
  }

  @Test
  void refusesWhatIsNotJson() {
    assertThrows(IllegalArgumentException.class, () -> read("{\"reverse\":{\"calls\":[{\"seq\":}]}}"));
    assertThrows(IllegalArgumentException.class, () -> read("<html>"));
  }
}

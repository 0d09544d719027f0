package io.duplex.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RequestBodyTest {
  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 'x');
    return b;
  }

  /** Reads as the servlet does: pieces of at most {@code piece} bytes until the end. */
  private static RequestBody.Bytes readAll(InputStream in, long declared, int max, int piece) throws Exception {
    RequestBody body = new RequestBody(declared, max);
    while (body.readFrom(in, piece) >= 0) {
      // more
    }
    return body.bytes();
  }

  @Test
  void readsBodiesUpToTheLimitWithOrWithoutLengthInAnyPieces() throws Exception {
    for (long declared : new long[] {100, -1}) {
      for (int piece : new int[] {1, 7, 100, Integer.MAX_VALUE}) {
        RequestBody.Bytes body = readAll(new ByteArrayInputStream(bytes(100)), declared, 100, piece);
        assertEquals(100, body.length());
        assertArrayEquals(bytes(100), Arrays.copyOf(body.array(), body.length()));
      }
    }
    assertEquals(0, readAll(new ByteArrayInputStream(new byte[0]), -1, 100, 10).length());
  }

  @Test
  void aDeclaredLengthIsCompleteOnceReadWithoutWaitingForTheEnd() throws Exception {
    RequestBody body = new RequestBody(10, 100);
    body.readFrom(new ByteArrayInputStream(bytes(10)), 10);
    assertTrue(body.hasDeclaredLength());
  }

  @Test
  void declaredLengthOverTheLimitIsRefusedBeforeReading() {
    ProtocolException e = RequestBody.checkDeclared(101, 100);
    assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, e.code());
    assertEquals(413, e.httpStatus());
    assertNull(RequestBody.checkDeclared(100, 100));
    assertNull(RequestBody.checkDeclared(-1, 100));
  }

  @Test
  void memoryFollowsWhatArrivedNotWhatWasDeclared() throws Exception {
    RequestBody body = new RequestBody(1 << 20, 1 << 20);
    assertEquals(0, body.bytes().array().length, "nothing arrived, nothing held");
    body.readFrom(new ByteArrayInputStream(bytes(1)), 1);
    assertTrue(body.bytes().array().length <= 16 * 1024, "buffer " + body.bytes().array().length);
  }

  @Test
  void bodyGrowingPastTheLimitWhileReadingIsRefused() {
    for (long declared : new long[] {-1, 50}) {
      ProtocolException e =
          assertThrows(
              ProtocolException.class,
              () -> readAll(new ByteArrayInputStream(bytes(5000)), declared, 1000, Integer.MAX_VALUE));
      assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, e.code());
    }
  }
}

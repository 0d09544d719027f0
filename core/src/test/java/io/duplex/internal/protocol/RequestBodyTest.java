package io.duplex.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

  @Test
  void readsBodiesUpToTheLimitWithOrWithoutLength() throws Exception {
    for (long declared : new long[] {100, -1}) {
      RequestBody.Bytes body = RequestBody.read(new ByteArrayInputStream(bytes(100)), declared, 100);
      assertEquals(100, body.length());
      assertArrayEquals(bytes(100), Arrays.copyOf(body.array(), body.length()));
    }
    assertEquals(0, RequestBody.read(new ByteArrayInputStream(new byte[0]), -1, 100).length());
  }

  @Test
  void declaredLengthOverTheLimitIsRefusedBeforeReading() {
    InputStream neverRead =
        new InputStream() {
          @Override
          public int read() {
            throw new AssertionError("read a body that was declared too large");
          }
        };
    ProtocolException e = assertThrows(ProtocolException.class, () -> RequestBody.read(neverRead, 101, 100));
    assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, e.code());
    assertEquals(413, e.httpStatus());
  }

  @Test
  void bodyGrowingPastTheLimitWhileReadingIsRefused() {
    for (long declared : new long[] {-1, 50}) {
      ProtocolException e =
          assertThrows(
              ProtocolException.class,
              () -> RequestBody.read(new ByteArrayInputStream(bytes(5000)), declared, 1000));
      assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, e.code());
    }
  }
}

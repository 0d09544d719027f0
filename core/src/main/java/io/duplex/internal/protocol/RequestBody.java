package io.duplex.internal.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads a request body into memory, refusing it as soon as it exceeds the limit. */
public final class RequestBody {
  private static final int FIRST_CHUNK = 1024;
  /**
   * After refusing a chunked body, how much more of it (times the limit) is read and discarded so
   * that the client, still sending, gets to read the 413 instead of a connection reset.
   */
  private static final int DRAIN_FACTOR = 4;

  private RequestBody() {}

  /**
   * Reads all of {@code in}.
   *
   * @param declaredLength the Content-Length, or -1 when unknown (chunked)
   * @return the bytes; the array may be longer than the body, whose length is {@link Bytes#length}
   * @throws ProtocolException PAYLOAD_TOO_LARGE when the declared or actual length exceeds {@code
   *     maxBytes}
   */
  public static Bytes read(InputStream in, long declaredLength, int maxBytes) throws IOException {
    if (declaredLength > maxBytes) {
      throw tooLarge(maxBytes);
    }
    byte[] buf = new byte[(int) (declaredLength >= 0 ? declaredLength + 1 : Math.min(FIRST_CHUNK, maxBytes + 1L))];
    int length = 0;
    while (true) {
      if (length == buf.length) {
        if (length > maxBytes) {
          throw tooLarge(maxBytes);
        }
        buf = Arrays.copyOf(buf, (int) Math.min((long) maxBytes + 1, Math.max(FIRST_CHUNK, 2L * length)));
      }
      int n = in.read(buf, length, buf.length - length);
      if (n < 0) {
        break;
      }
      length += n;
      if (length > maxBytes) {
        drain(in, (long) DRAIN_FACTOR * maxBytes);
        throw tooLarge(maxBytes);
      }
    }
    return new Bytes(buf, length);
  }

  /**
   * Reads and discards the body of a request refused before its body was read (method, origin, media
   * type), up to {@value #DRAIN_FACTOR} times {@code maxBytes}, so that a client still sending
   * reads the refusal instead of a connection reset. A larger body is cut off by closing anyway.
   */
  public static void discard(InputStream in, long declaredLength, int maxBytes) throws IOException {
    long budget = (long) DRAIN_FACTOR * maxBytes;
    if (declaredLength <= budget) {
      drain(in, budget);
    }
  }

  /** Discards up to {@code budget} more bytes; a larger body is cut off by closing anyway. */
  private static void drain(InputStream in, long budget) throws IOException {
    byte[] sink = new byte[8192];
    long left = budget;
    int n;
    while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) >= 0) {
      left -= n;
    }
  }

  private static ProtocolException tooLarge(int maxBytes) {
    return new ProtocolException(
        ErrorCode.PAYLOAD_TOO_LARGE, "Request body is larger than " + maxBytes + " bytes");
  }

  /** The first {@code length} bytes of {@code array}. */
  public record Bytes(byte[] array, int length) {
    public static Bytes of(byte[] array) {
      return new Bytes(array, array.length);
    }
  }
}

package io.duplex.internal.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A request body being read into memory, a piece at a time as it arrives, refused as soon as it
 * exceeds the limit. Memory follows what has arrived, not what the client declared: a client that
 * declares a large body and sends little of it holds little.
 */
public final class RequestBody {
  private static final int FIRST_CHUNK = 1024;
  /**
   * Largest first buffer for a declared length; beyond it the buffer grows as bytes come. A
   * connection that declared a large body and sends nothing holds no buffer at all.
   */
  private static final int MAX_FIRST_BUFFER = 16 * 1024;
  private static final byte[] NOTHING = new byte[0];
  /**
   * How much of a refused body (times the limit) is read and discarded so that a client still
   * sending gets to read the answer instead of a connection reset. A larger body is cut off by
   * closing the connection.
   */
  private static final int DISCARD_FACTOR = 4;

  private final long declaredLength;
  private final int maxBytes;
  private byte[] buf;
  private int length;

  /**
   * @param declaredLength the Content-Length, or -1 when unknown (chunked); at most {@code maxBytes}
   * @param maxBytes the limit (setting maxBodyBytes)
   */
  public RequestBody(long declaredLength, int maxBytes) {
    this.declaredLength = declaredLength;
    this.maxBytes = maxBytes;
    this.buf = NOTHING;
  }

  /**
   * PAYLOAD_TOO_LARGE when the declared length exceeds {@code maxBytes}, else null: checked before
   * anything is read.
   */
  public static ProtocolException checkDeclared(long declaredLength, int maxBytes) {
    return declaredLength > maxBytes ? tooLarge(maxBytes) : null;
  }

  /** How many bytes of a refused body are discarded at most before the connection is closed. */
  public static long discardLimit(int maxBytes) {
    return (long) DISCARD_FACTOR * maxBytes;
  }

  /**
   * Reads once from {@code in}, at most {@code max} bytes (what the caller knows can be read without
   * blocking).
   *
   * @return the number of bytes read, or -1 at the end of the body
   * @throws ProtocolException PAYLOAD_TOO_LARGE once the body exceeds the limit
   */
  public int readFrom(InputStream in, int max) throws IOException {
    if (buf == NOTHING) {
      // Sized for the declared length when it is small: the usual body is read with one array.
      buf = new byte[(int) Math.min(maxBytes + 1L,
          declaredLength >= 0 ? Math.min(declaredLength + 1, MAX_FIRST_BUFFER) : FIRST_CHUNK)];
    } else if (length == buf.length) {
      buf = Arrays.copyOf(buf, (int) Math.min(maxBytes + 1L, Math.max(FIRST_CHUNK, 2L * length)));
    }
    int n = in.read(buf, length, Math.min(max, buf.length - length));
    if (n > 0) {
      length += n;
      if (length > maxBytes) {
        throw tooLarge(maxBytes);
      }
    }
    return n;
  }

  /** Whether all of a declared length has been read (never true for a chunked body: its end is read). */
  public boolean hasDeclaredLength() {
    return declaredLength >= 0 && length >= declaredLength;
  }

  /** What has been read. */
  public Bytes bytes() {
    return new Bytes(buf, length);
  }

  public static ProtocolException tooLarge(int maxBytes) {
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

package io.duplex.internal.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.Arrays;

/**
 * A growable UTF-8 byte buffer that is both a {@link Writer} (for gson's JsonWriter, which writes
 * straight through without buffering) and an {@link OutputStream} (for pre-encoded JSON such as a
 * queue's reverse calls), so both can be interleaved without copies. Supports truncating back to a
 * mark, to replace a value whose writing failed halfway. Not thread-safe.
 */
public final class ResponseBuffer extends Writer {
  private byte[] bytes;
  private int size;
  /** A high surrogate written without its low half yet. */
  private char pendingHigh;

  private final OutputStream stream =
      new OutputStream() {
        @Override
        public void write(int b) {
          endPendingSurrogate();
          ensure(1);
          bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
          ResponseBuffer.this.writeBytes(b, off, len);
        }
      };

  public ResponseBuffer() {
    this(512);
  }

  public ResponseBuffer(int initialCapacity) {
    bytes = new byte[Math.max(16, initialCapacity)];
  }

  /** A view that appends raw bytes (which must be UTF-8 JSON text) to this buffer. */
  public OutputStream asOutputStream() {
    return stream;
  }

  public int size() {
    return size;
  }

  /** Drops everything written after {@code mark} (a value of {@link #size()}). */
  public void truncate(int mark) {
    size = mark;
    pendingHigh = 0;
  }

  /** Appends ASCII text such as JSON punctuation and member names, without escaping. */
  public ResponseBuffer ascii(String text) {
    endPendingSurrogate();
    int n = text.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[size++] = (byte) text.charAt(i);
    }
    return this;
  }

  public ResponseBuffer writeBytes(byte[] b, int off, int len) {
    endPendingSurrogate();
    ensure(len);
    System.arraycopy(b, off, bytes, size, len);
    size += len;
    return this;
  }

  /** Appends a decimal number. */
  public ResponseBuffer number(long value) {
    return ascii(Long.toString(value));
  }

  public byte[] array() {
    return bytes;
  }

  public byte[] toByteArray() {
    endPendingSurrogate();
    return Arrays.copyOf(bytes, size);
  }

  public void writeTo(OutputStream out) throws IOException {
    endPendingSurrogate();
    out.write(bytes, 0, size);
  }

  @Override
  public void write(int c) {
    writeChar((char) c);
  }

  @Override
  public void write(char[] chars, int off, int len) {
    ensure(len);
    for (int i = off, end = off + len; i < end; i++) {
      writeChar(chars[i]);
    }
  }

  @Override
  public void write(String text) {
    write(text, 0, text.length());
  }

  @Override
  public void write(String text, int off, int len) {
    ensure(len);
    for (int i = off, end = off + len; i < end; i++) {
      writeChar(text.charAt(i));
    }
  }

  private void writeChar(char c) {
    if (pendingHigh != 0) {
      char high = pendingHigh;
      pendingHigh = 0;
      if (Character.isLowSurrogate(c)) {
        int cp = Character.toCodePoint(high, c);
        ensure(4);
        bytes[size++] = (byte) (0xF0 | (cp >> 18));
        bytes[size++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        bytes[size++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        bytes[size++] = (byte) (0x80 | (cp & 0x3F));
        return;
      }
      replacement();
    }
    if (c < 0x80) {
      ensure(1);
      bytes[size++] = (byte) c;
    } else if (c < 0x800) {
      ensure(2);
      bytes[size++] = (byte) (0xC0 | (c >> 6));
      bytes[size++] = (byte) (0x80 | (c & 0x3F));
    } else if (Character.isHighSurrogate(c)) {
      pendingHigh = c;
    } else if (Character.isLowSurrogate(c)) {
      replacement();
    } else {
      ensure(3);
      bytes[size++] = (byte) (0xE0 | (c >> 12));
      bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
      bytes[size++] = (byte) (0x80 | (c & 0x3F));
    }
  }

  private void endPendingSurrogate() {
    if (pendingHigh != 0) {
      pendingHigh = 0;
      replacement();
    }
  }

  /** A lone surrogate cannot be encoded; U+FFFD stands in, as String.getBytes does. */
  private void replacement() {
    ensure(3);
    bytes[size++] = (byte) 0xEF;
    bytes[size++] = (byte) 0xBF;
    bytes[size++] = (byte) 0xBD;
  }

  private void ensure(int more) {
    if (bytes.length - size < more) {
      long wanted = Math.max((long) size + more, 2L * bytes.length);
      if (wanted > Integer.MAX_VALUE - 8) {
        if ((long) size + more > Integer.MAX_VALUE - 8) {
          throw new OutOfMemoryError("response larger than 2 GB");
        }
        wanted = Integer.MAX_VALUE - 8;
      }
      bytes = Arrays.copyOf(bytes, (int) wanted);
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}

package io.duplex.bench.client;

import java.nio.charset.StandardCharsets;

/**
 * Reads the reverse objects of docs/protocol.md section 4 straight from response bytes, without a
 * JSON tree: the load client reads hundreds of thousands of them a second on one core. Any JSON is
 * accepted (unknown members are skipped); only what the engine acts on is kept: the calls' seq and
 * function, the {@code addMessage} argument's {@code seq} and {@code sentNanos}, the resync, and a
 * stream line's {@code open} / {@code close}. One instance per stream or request; not thread-safe.
 */
final class ReverseReader {
  static final String ADD_MESSAGE = "bench.addMessage";
  private static final byte[] ADD_MESSAGE_BYTES = ADD_MESSAGE.getBytes(StandardCharsets.US_ASCII);

  private byte[] b;
  private int p;
  private int end;

  /** What the last {@link #read} found. */
  boolean hasReverse;
  boolean open;
  String close;
  /** The line or body has an {@code error} member (a refused request or socket frame). */
  boolean error;
  /** Entries of a {@code results} member (a call's answer); -1 when there is none. */
  int results;
  /** The first result's {@code value} when it is a string, else null. */
  String firstValue;
  long resyncDropped;
  long resyncNext;
  boolean hasResync;
  /** The reverse object asks for an ack at once (protocol section 4). */
  boolean ackNow;
  int count;
  long[] seq = new long[16];
  /** Null for handle and release entries; {@link #ADD_MESSAGE} shared for the bench's function. */
  String[] fn = new String[16];
  long[] messageSeq = new long[16];
  long[] messageSent = new long[16];

  /**
   * Reads one JSON object: a stream line, a long-poll or poll body, or a call response.
   *
   * @throws IllegalArgumentException when the bytes are not JSON
   */
  ReverseReader read(byte[] bytes, int offset, int length) {
    b = bytes;
    p = offset;
    end = offset + length;
    hasReverse = false;
    open = false;
    close = null;
    error = false;
    results = -1;
    firstValue = null;
    hasResync = false;
    ackNow = false;
    count = 0;
    expect('{');
    if (!tryConsume('}')) {
      do {
        String key = readString();
        expect(':');
        switch (key) {
          case "reverse" -> {
            hasReverse = true;
            readReverse();
          }
          case "open" -> open = readLiteral() == Boolean.TRUE;
          case "close" -> close = readString();
          case "results" -> readResults();
          case "error" -> {
            error = true;
            skipValue();
          }
          default -> skipValue();
        }
      } while (tryConsume(','));
      expect('}');
    }
    return this;
  }

  private void readReverse() {
    expect('{');
    if (tryConsume('}')) {
      return;
    }
    do {
      String key = readString();
      expect(':');
      switch (key) {
        case "calls" -> readCalls();
        case "resync" -> readResync();
        case "ackNow" -> ackNow = readLiteral() == Boolean.TRUE;
        default -> skipValue();
      }
    } while (tryConsume(','));
    expect('}');
  }

  /** A call answer's results (protocol section 3): counts them and keeps the first one's string value. */
  private void readResults() {
    results = 0;
    expect('[');
    if (tryConsume(']')) {
      return;
    }
    do {
      if (results++ > 0) {
        skipValue();
        continue;
      }
      expect('{');
      if (tryConsume('}')) {
        continue;
      }
      do {
        String key = readString();
        expect(':');
        skipSpace();
        if (key.equals("value") && p < end && b[p] == '"') {
          firstValue = readString();
        } else {
          skipValue();
        }
      } while (tryConsume(','));
      expect('}');
    } while (tryConsume(','));
    expect(']');
  }

  private void readResync() {
    hasResync = true;
    expect('{');
    if (tryConsume('}')) {
      return;
    }
    do {
      String key = readString();
      expect(':');
      switch (key) {
        case "dropped" -> resyncDropped = readLong();
        case "next" -> resyncNext = readLong();
        default -> skipValue();
      }
    } while (tryConsume(','));
    expect('}');
  }

  private void readCalls() {
    expect('[');
    if (tryConsume(']')) {
      return;
    }
    do {
      if (count == seq.length) {
        grow();
      }
      readEntry(count++);
    } while (tryConsume(','));
    expect(']');
  }

  private void readEntry(int i) {
    seq[i] = 0;
    fn[i] = null;
    messageSeq[i] = -1;
    messageSent[i] = 0;
    expect('{');
    if (tryConsume('}')) {
      return;
    }
    do {
      String key = readString();
      expect(':');
      switch (key) {
        case "seq" -> seq[i] = readLong();
        case "fn" -> fn[i] = readFunctionName();
        case "args" -> readArgs(i);
        // A topic message (protocol 4.8): W2 through a topic publishes the same message there.
        case "topic" -> {
          skipValue();
          fn[i] = ADD_MESSAGE;
        }
        case "message" -> {
          skipSpace();
          if (p < end && b[p] == '{') {
            readMessage(i);
          } else {
            skipValue();
          }
        }
        default -> skipValue();
      }
    } while (tryConsume(','));
    expect('}');
  }

  /** The message is the first argument; its seq and sentNanos are kept whatever the function. */
  private void readArgs(int i) {
    expect('[');
    if (tryConsume(']')) {
      return;
    }
    boolean first = true;
    do {
      skipSpace();
      if (first && p < end && b[p] == '{') {
        readMessage(i);
      } else {
        skipValue();
      }
      first = false;
    } while (tryConsume(','));
    expect(']');
  }

  private void readMessage(int i) {
    expect('{');
    if (tryConsume('}')) {
      return;
    }
    do {
      String key = readString();
      expect(':');
      switch (key) {
        case "seq" -> messageSeq[i] = readLong();
        case "sentNanos" -> messageSent[i] = readLong();
        default -> skipValue();
      }
    } while (tryConsume(','));
    expect('}');
  }

  private String readFunctionName() {
    skipSpace();
    int start = p + 1;
    if (p < end && b[p] == '"' && start + ADD_MESSAGE_BYTES.length < end
        && b[start + ADD_MESSAGE_BYTES.length] == '"'
        && java.util.Arrays.equals(b, start, start + ADD_MESSAGE_BYTES.length, ADD_MESSAGE_BYTES, 0, ADD_MESSAGE_BYTES.length)) {
      p = start + ADD_MESSAGE_BYTES.length + 1;
      return ADD_MESSAGE;
    }
    return readString();
  }

  /** A number, or a decimal string (protocol 3.2: longs beyond 2^53 - 1). */
  private long readLong() {
    skipSpace();
    boolean quoted = p < end && b[p] == '"';
    if (quoted) {
      p++;
    }
    boolean negative = p < end && b[p] == '-';
    if (negative) {
      p++;
    }
    long value = 0;
    int digits = 0;
    while (p < end && b[p] >= '0' && b[p] <= '9') {
      value = value * 10 + (b[p++] - '0');
      digits++;
    }
    if (digits == 0) {
      throw error("number");
    }
    if (p < end && (b[p] == '.' || b[p] == 'e' || b[p] == 'E')) {
      while (p < end && "+-.eE0123456789".indexOf(b[p]) >= 0) {
        p++;
      }
    }
    if (quoted) {
      expect('"');
    }
    return negative ? -value : value;
  }

  private String readString() {
    expect('"');
    int start = p;
    boolean escaped = false;
    while (p < end && b[p] != '"') {
      if (b[p] == '\\') {
        escaped = true;
        p++;
      }
      p++;
    }
    if (p >= end) {
      throw error("string end");
    }
    String raw = new String(b, start, p - start, StandardCharsets.UTF_8);
    p++;
    return escaped ? unescape(raw) : raw;
  }

  private static String unescape(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = raw.charAt(++i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          out.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append(e);
      }
    }
    return out.toString();
  }

  private Object readLiteral() {
    skipSpace();
    if (matches("true")) {
      return Boolean.TRUE;
    }
    if (matches("false")) {
      return Boolean.FALSE;
    }
    skipValue();
    return null;
  }

  private void skipValue() {
    skipSpace();
    if (p >= end) {
      throw error("value");
    }
    byte c = b[p];
    switch (c) {
      case '"' -> readString();
      case '{', '[' -> {
        int depth = 0;
        do {
          byte x = b[p];
          if (x == '"') {
            readString();
            continue;
          }
          if (x == '{' || x == '[') {
            depth++;
          } else if (x == '}' || x == ']') {
            depth--;
          }
          p++;
        } while (depth > 0 && p < end);
        if (depth > 0) {
          throw error("closing bracket");
        }
      }
      default -> {
        while (p < end && b[p] != ',' && b[p] != '}' && b[p] != ']' && b[p] > ' ') {
          p++;
        }
      }
    }
  }

  private boolean matches(String literal) {
    int n = literal.length();
    if (p + n > end) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (b[p + i] != literal.charAt(i)) {
        return false;
      }
    }
    p += n;
    return true;
  }

  private void skipSpace() {
    while (p < end && (b[p] == ' ' || b[p] == '\n' || b[p] == '\r' || b[p] == '\t')) {
      p++;
    }
  }

  private boolean tryConsume(char c) {
    skipSpace();
    if (p < end && b[p] == c) {
      p++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!tryConsume(c)) {
      throw error("'" + c + "'");
    }
  }

  private IllegalArgumentException error(String expected) {
    String near = new String(b, Math.max(0, p - 20), Math.min(end, p + 20) - Math.max(0, p - 20), StandardCharsets.UTF_8);
    return new IllegalArgumentException("Not a reverse object: expected " + expected + " at " + p + " near '" + near + "'");
  }

  private void grow() {
    int n = seq.length * 2;
    seq = java.util.Arrays.copyOf(seq, n);
    fn = java.util.Arrays.copyOf(fn, n);
    messageSeq = java.util.Arrays.copyOf(messageSeq, n);
    messageSent = java.util.Arrays.copyOf(messageSent, n);
  }
}

package io.duplex.bench.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client side of one WebSocket (RFC 6455) on a {@link SocketLoop}: the upgrade request and
 * its check, masked text frames out, text frames in (continuations joined, pings answered, a close
 * answered and reported). What a browser does on the wire, no extensions, as the JDK client did.
 *
 * <p>A text message is handed to the listener as bytes, in place in the read buffer, on the loop's
 * thread. {@link #send} may be called from any thread: it writes at once and leaves what the
 * socket does not take for the loop to write when it can.
 */
final class ClientSocket {
  /** A message above this is a broken stream here (W2's coalesced deliveries stay far below). */
  private static final int MAX_MESSAGE = 64 * 1024 * 1024;
  private static final byte[] HEADERS_END = {'\r', '\n', '\r', '\n'};
  private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  /** What happens on one socket; every call comes on the loop's thread. */
  interface Listener {
    /** One whole text message: {@code length} bytes of UTF-8 at {@code offset}, valid only during the call. */
    void onText(ClientSocket socket, byte[] bytes, int offset, int length);

    /** The server closed the socket ({@code 1006} when the connection ended without a close frame). */
    void onClose(ClientSocket socket, int code, String reason);

    /** Reading or writing failed; the socket is closed. */
    void onError(ClientSocket socket, Throwable error);
  }

  private final SocketLoop loop;
  private final SocketChannel channel;
  private final Listener listener;
  private final CompletableFuture<ClientSocket> opened;
  private final String request;
  private final String expectedAccept;
  SelectionKey key;

  /** Received bytes not yet used, from index 0 up to position (write mode). Loop thread only. */
  private ByteBuffer in = ByteBuffer.allocate(4096);
  /** A fragmented text message being joined. Loop thread only. */
  private byte[] fragments;
  private int fragmentsLength;
  private boolean upgraded;

  /** Frames not yet taken by the socket (write mode). Guarded by this. */
  private ByteBuffer out = ByteBuffer.allocate(1024);
  private boolean closeSent;
  private volatile boolean closed;

  ClientSocket(SocketLoop loop, SocketChannel channel, String host, int port, String path, Map<String, String> headers,
      Listener listener, CompletableFuture<ClientSocket> opened) {
    this.loop = loop;
    this.channel = channel;
    this.listener = listener;
    this.opened = opened;
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String key = Base64.getEncoder().encodeToString(nonce);
    this.expectedAccept = accept(key);
    StringBuilder text = new StringBuilder(256).append("GET ").append(path).append(" HTTP/1.1\r\nHost: ")
        .append(host).append(':').append(port)
        .append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ").append(key)
        .append("\r\nSec-WebSocket-Version: 13\r\n");
    headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
    this.request = text.append("\r\n").toString();
  }

  static String accept(String key) {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends one text message. */
  void send(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    synchronized (this) {
      if (closeSent || closed) {
        return;
      }
      frame(0x1, payload, payload.length);
    }
  }

  /** Sends a close frame (1000); the socket closes when the server's answer is in. */
  void close() {
    synchronized (this) {
      if (closeSent || closed) {
        return;
      }
      closeSent = true;
      byte[] reason = "done".getBytes(StandardCharsets.US_ASCII);
      byte[] payload = new byte[2 + reason.length];
      payload[0] = (byte) (1000 >> 8);
      payload[1] = (byte) (1000 & 0xff);
      System.arraycopy(reason, 0, payload, 2, reason.length);
      frame(0x8, payload, payload.length);
    }
  }

  /** Closes the connection now, without a close frame and without telling the listener. */
  void abort() {
    closed = true;
    loop.execute(() -> {
      if (key != null) {
        key.cancel();
      }
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    });
  }

  boolean isOpen() {
    return upgraded && !closed;
  }

  /** Appends one masked frame to {@code out} and writes what the socket takes. Holds this. */
  private void frame(int opcode, byte[] payload, int length) {
    ensureOut(14 + length);
    out.put((byte) (0x80 | opcode));
    if (length < 126) {
      out.put((byte) (0x80 | length));
    } else if (length < 65536) {
      out.put((byte) (0x80 | 126)).putShort((short) length);
    } else {
      out.put((byte) (0x80 | 127)).putLong(length);
    }
    int mask = ThreadLocalRandom.current().nextInt();
    out.putInt(mask);
    byte[] bytes = out.array();
    int at = out.arrayOffset() + out.position();
    for (int i = 0; i < length; i++) {
      bytes[at + i] = (byte) (payload[i] ^ (mask >>> (24 - 8 * (i & 3))));
    }
    out.position(out.position() + length);
    if (upgraded) {
      flush();
    }
  }

  private void ensureOut(int more) {
    if (out.remaining() < more) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + more));
      out.flip();
      bigger.put(out);
      out = bigger;
    }
  }

  /** Writes what the socket takes; asks the loop for the rest. Holds this. */
  private void flush() {
    if (closed) {
      return;
    }
    out.flip();
    try {
      channel.write(out);
    } catch (IOException e) {
      out.clear();
      loop.execute(() -> failed(e));
      return;
    } finally {
      out.compact();
    }
    int interest = out.position() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
    if (key.isValid() && key.interestOps() != interest) {
      key.interestOps(interest);
      loop.wakeup();
    }
  }

  /** The TCP connection is up: sends the upgrade request. */
  void connected() throws IOException {
    ByteBuffer head = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
    // A few hundred bytes into an empty socket buffer: taken whole.
    while (head.hasRemaining()) {
      if (channel.write(head) < 0) {
        throw new IOException("upgrade request not written");
      }
    }
    key.interestOps(SelectionKey.OP_READ);
  }

  void writable() {
    synchronized (this) {
      flush();
    }
  }

  void readable() throws IOException {
    int n = channel.read(in);
    if (n < 0) {
      ended(1006, "connection ended");
      return;
    }
    if (!upgraded && !readUpgrade()) {
      return;
    }
    readFrames();
  }

  /** Reads the 101 answer once it is whole; false while it is not. */
  private boolean readUpgrade() throws IOException {
    byte[] bytes = in.array();
    int end = indexOf(bytes, in.position(), HEADERS_END);
    if (end < 0) {
      if (!in.hasRemaining()) {
        in = grow(in, in.capacity() * 2);
      }
      return false;
    }
    String head = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
    String accept = null;
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Accept")) {
        accept = line.substring(colon + 1).trim();
      }
    }
    if (!head.startsWith("HTTP/1.1 101") || !expectedAccept.equals(accept)) {
      throw new IOException("upgrade refused: " + head.split("\r\n", 2)[0]);
    }
    upgraded = true;
    consume(end + HEADERS_END.length);
    synchronized (this) {
      // An open frame sent before the answer is in goes out now.
      flush();
    }
    opened.complete(this);
    return true;
  }

  private void readFrames() throws IOException {
    byte[] b = in.array();
    int limit = in.position();
    int p = 0;
    while (!closed && limit - p >= 2) {
      int b0 = b[p] & 0xff;
      int b1 = b[p + 1] & 0xff;
      int header = 2;
      long length = b1 & 0x7f;
      if (length == 126) {
        if (limit - p < 4) {
          break;
        }
        length = ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
        header = 4;
      } else if (length == 127) {
        if (limit - p < 10) {
          break;
        }
        length = ByteBuffer.wrap(b, p + 2, 8).getLong();
        header = 10;
      }
      boolean masked = (b1 & 0x80) != 0;
      if (masked) {
        header += 4;
      }
      if (length > MAX_MESSAGE || length < 0) {
        throw new IOException("frame of " + length + " bytes");
      }
      if (limit - p < header + length) {
        if (in.capacity() < header + length) {
          // The frame does not fit: keep the bytes so far in a bigger buffer.
          consume(p);
          in = grow(in, (int) (header + length));
          return;
        }
        break;
      }
      int start = p + header;
      int len = (int) length;
      if (masked) {
        for (int i = 0; i < len; i++) {
          b[start + i] ^= b[start - 4 + (i & 3)];
        }
      }
      frameIn(b0 & 0x80, b0 & 0x0f, b, start, len);
      p = start + len;
    }
    if (!closed) {
      consume(p);
    }
  }

  private void frameIn(int fin, int opcode, byte[] b, int start, int length) throws IOException {
    switch (opcode) {
      case 0x1 -> {
        if (fin != 0) {
          listener.onText(this, b, start, length);
        } else {
          fragmentsLength = 0;
          appendFragment(b, start, length);
        }
      }
      case 0x0 -> {
        if (fragments == null) {
          throw new IOException("continuation without a message");
        }
        appendFragment(b, start, length);
        if (fin != 0) {
          byte[] whole = fragments;
          int n = fragmentsLength;
          fragments = null;
          listener.onText(this, whole, 0, n);
        }
      }
      case 0x8 -> {
        int code = length >= 2 ? ((b[start] & 0xff) << 8) | (b[start + 1] & 0xff) : 1005;
        String reason = length > 2 ? new String(b, start + 2, length - 2, StandardCharsets.UTF_8) : "";
        synchronized (this) {
          if (!closeSent) {
            closeSent = true;
            frame(0x8, java.util.Arrays.copyOfRange(b, start, start + Math.min(length, 2)), Math.min(length, 2));
          }
        }
        ended(code, reason);
      }
      case 0x9 -> {
        byte[] payload = java.util.Arrays.copyOfRange(b, start, start + length);
        synchronized (this) {
          if (!closeSent) {
            frame(0xA, payload, length);
          }
        }
      }
      case 0xA -> {
        // an answer to no ping of ours: nothing to do
      }
      default -> throw new IOException("unexpected opcode " + opcode);
    }
  }

  private void appendFragment(byte[] b, int start, int length) {
    if (fragments == null) {
      fragments = new byte[Math.max(1024, length * 2)];
    } else if (fragments.length - fragmentsLength < length) {
      fragments = java.util.Arrays.copyOf(fragments, Math.max(fragments.length * 2, fragmentsLength + length));
    }
    System.arraycopy(b, start, fragments, fragmentsLength, length);
    fragmentsLength += length;
  }

  /** Drops the first {@code n} received bytes. */
  private void consume(int n) {
    if (n == 0) {
      return;
    }
    int left = in.position() - n;
    System.arraycopy(in.array(), n, in.array(), 0, left);
    in.position(left);
  }

  private static ByteBuffer grow(ByteBuffer buffer, int capacity) {
    ByteBuffer bigger = ByteBuffer.allocate(capacity);
    buffer.flip();
    return bigger.put(buffer);
  }

  private static int indexOf(byte[] bytes, int limit, byte[] target) {
    outer:
    for (int i = 0; i + target.length <= limit; i++) {
      for (int j = 0; j < target.length; j++) {
        if (bytes[i + j] != target[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The connection is over: closes it and tells the listener once. */
  private void ended(int code, String reason) {
    if (closed) {
      return;
    }
    synchronized (this) {
      if (code != 1006) {
        // Let the close answer go out before the connection does.
        out.flip();
        try {
          channel.write(out);
        } catch (IOException ignored) {
          // closing anyway
        }
        out.clear();
      }
    }
    closed = true;
    closeChannel();
    if (!upgraded) {
      opened.completeExceptionally(new IOException("closed before the upgrade: " + code + " " + reason));
      return;
    }
    listener.onClose(this, code, reason);
  }

  void failed(Throwable error) {
    if (closed) {
      return;
    }
    closed = true;
    closeChannel();
    if (!upgraded) {
      opened.completeExceptionally(error);
      return;
    }
    listener.onError(this, error);
  }

  private void closeChannel() {
    if (key != null) {
      key.cancel();
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}

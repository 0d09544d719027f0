package io.duplex.bench.client;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The reverse side of {@code reverseAjax=websocket} (protocol 4.6) for many simulated pages: each
 * page its own socket (a {@link ClientSocket} on one {@link SocketLoop} thread, no thread per
 * page), the {@code open} frame, every delivery line applied with the exactly-once rules of
 * {@link SimPage}, and {@code ack} frames at most every {@code ackIntervalMillis}, as the browser
 * engine does.
 *
 * <p>Against Duplex and the plain socket ceiling alike, each page first handshakes over HTTP (an
 * HTTP session, a CSRF token, the page) and names that page in its open frame; the ceiling
 * ignores acks (it keeps no queue).
 */
final class SocketEngine implements AutoCloseable {
  private static final long RETRY_MILLIS = 1_000;

  private final Engine engine;
  private final MessageSink sink;
  private final String host;
  private final int port;
  private final String path;
  private final String origin;
  private final boolean duplex;
  private final SocketLoop[] loops = SocketLoop.group("bench-socket-loop");

  /**
   * @param socketPath {@code {base}/ws} for Duplex, the ceiling socket's path otherwise
   * @param duplex whether the server is Duplex (else the plain socket ceiling)
   */
  SocketEngine(Engine engine, MessageSink sink, String host, int port, String socketPath, boolean duplex) {
    this.engine = engine;
    this.sink = sink;
    this.host = host;
    this.port = port;
    this.path = socketPath;
    this.origin = "http://" + host + ":" + port;
    this.duplex = duplex;
  }

  boolean duplex() {
    return duplex;
  }

  /**
   * Handshakes over HTTP, connects and sends the open frame; completes once the server's
   * {@code open} line is in, so the page is on the broadcast list.
   */
  CompletableFuture<SimPage> open(SimPage page) {
    return engine.handshake(page).thenCompose(this::connect);
  }

  private CompletableFuture<SimPage> connect(SimPage page) {
    Conn conn = new Conn(page);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Origin", origin);
    if (page.cookie != null) {
      headers.put("Cookie", page.cookie);
    }
    engine.requests.increment();
    return loops[Math.floorMod(page.index, loops.length)].connect(host, port, path, headers, conn).thenCompose(socket -> {
      conn.socket = socket;
      socket.send("{\"v\":1,\"op\":\"open\",\"session\":\"" + page.sessionId + "\",\"csrf\":\"" + page.csrf
          + "\",\"ack\":" + ackNow(page) + ",\"conn\":" + page.nextConn() + "}");
      return conn.opened;
    });
  }

  private static long ackNow(SimPage page) {
    synchronized (page) {
      page.ackSent = Math.max(page.ackSent, page.lastSeq);
      return page.ackSent;
    }
  }

  @Override
  public void close() {
    SocketLoop.closeAll(loops);
  }

  /** One socket of one page: reads lines, applies deliveries, sends throttled acks. */
  private final class Conn implements ClientSocket.Listener {
    final SimPage page;
    final CompletableFuture<SimPage> opened = new CompletableFuture<>();
    final ReverseReader reader = new ReverseReader();
    volatile ClientSocket socket;
    volatile boolean gone;

    Conn(SimPage page) {
      this.page = page;
    }

    @Override
    public void onText(ClientSocket ws, byte[] bytes, int offset, int length) {
      int end = offset + length;
      int start = offset;
      for (int i = offset; i < end && !gone; i++) {
        if (bytes[i] == '\n') {
          onLine(bytes, start, i - start);
          start = i + 1;
        }
      }
      if (start < end && !gone) {
        onLine(bytes, start, end - start);
      }
    }
    private void onLine(byte[] bytes, int offset, int length) {
      if (length == 0) {
        return;
      }
      reader.read(bytes, offset, length);
      if (reader.hasReverse) {
        if (!page.accept(reader, sink, System.nanoTime())) {
          // A gap: this socket missed something; a new one resends from the ack (protocol 4.1).
          reconnect(0);
          return;
        }
        if (duplex) {
          if (reader.ackNow) {
            sendAck(false);
          } else {
            scheduleAck();
          }
        }
      } else if (reader.open) {
        page.streamOpen = true;
        opened.complete(page);
      } else if (reader.close != null) {
        page.streamOpen = false;
        if (!"replaced".equals(reader.close) && !"ended".equals(reader.close)) {
          reconnect(RETRY_MILLIS);
        } else {
          gone = true;
        }
      } else if (reader.error) {
        String line = new String(bytes, offset, length, StandardCharsets.UTF_8);
        engine.failed("socket: " + line);
        opened.completeExceptionally(new IllegalStateException(line));
      }
    }

    private void scheduleAck() {
      synchronized (page) {
        if (page.ackScheduled || page.lastSeq <= page.ackSent) {
          return;
        }
        page.ackScheduled = true;
      }
      long delay = page.lastAckNanos + TimeUnit.MILLISECONDS.toNanos(page.ackIntervalMillis) - System.nanoTime();
      engine.timer().schedule(() -> sendAck(true), Math.max(0, delay), TimeUnit.NANOSECONDS);
    }

    /** An ack frame of what the page ran; {@code scheduled} when its timer (not an ackNow) sends it. */
    private void sendAck(boolean scheduled) {
      long ack;
      synchronized (page) {
        if (scheduled) {
          page.ackScheduled = false;
        }
        ack = page.lastSeq;
        if (ack <= page.ackSent || gone) {
          return;
        }
        page.ackSent = ack;
      }
      page.lastAckNanos = System.nanoTime();
      engine.requests.increment();
      socket.send("{\"op\":\"ack\",\"v\":1,\"session\":\"" + page.sessionId + "\",\"csrf\":\"" + page.csrf
          + "\",\"ack\":" + ack + "}");
    }

    private void reconnect(long delayMillis) {
      if (gone) {
        return;
      }
      gone = true;
      page.streamOpen = false;
      ClientSocket ws = socket;
      if (ws != null) {
        ws.abort();
      }
      engine.timer().schedule(() -> connect(page).exceptionally(e -> {
        engine.failed("socket reconnect: " + e);
        return null;
      }), delayMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onClose(ClientSocket ws, int statusCode, String reason) {
      page.streamOpen = false;
      if (!gone && !engine.stopping()) {
        engine.failed("socket closed " + statusCode + " " + reason);
        reconnect(RETRY_MILLIS);
      }
    }

    @Override
    public void onError(ClientSocket ws, Throwable error) {
      page.streamOpen = false;
      opened.completeExceptionally(error);
      if (!gone && !engine.stopping()) {
        engine.failed("socket: " + error);
        reconnect(RETRY_MILLIS);
      }
    }
  }
}

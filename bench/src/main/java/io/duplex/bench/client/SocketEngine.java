package io.duplex.bench.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The reverse side of {@code reverseAjax=websocket} (protocol 4.6) for many simulated pages: each
 * page its own socket (the JDK's java.net.http.WebSocket, asynchronous, no thread per page), the
 * {@code open} frame, every delivery line applied with the exactly-once rules of {@link SimPage},
 * and {@code ack} frames at most every {@code ackIntervalMillis}, as the browser engine does.
 *
 * <p>Against Duplex and the plain socket ceiling alike, each page first handshakes over HTTP (an
 * HTTP session, a CSRF token, the page) and names that page in its open frame; the ceiling
 * ignores acks (it keeps no queue).
 */
final class SocketEngine {
  private static final long RETRY_MILLIS = 1_000;

  private final Engine engine;
  private final MessageSink sink;
  private final URI uri;
  private final String origin;
  private final boolean duplex;
  private final HttpClient client = HttpClient.newHttpClient();

  /**
   * @param socketPath {@code {base}/ws} for Duplex, the ceiling socket's path otherwise
   * @param duplex whether the server is Duplex (else the plain socket ceiling)
   */
  SocketEngine(Engine engine, MessageSink sink, String host, int port, String socketPath, boolean duplex) {
    this.engine = engine;
    this.sink = sink;
    this.uri = URI.create("ws://" + host + ":" + port + socketPath);
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
    WebSocket.Builder builder = client.newWebSocketBuilder().header("Origin", origin);
    if (page.cookie != null) {
      builder.header("Cookie", page.cookie);
    }
    engine.requests.increment();
    return builder.buildAsync(uri, conn).thenCompose(ws -> {
      conn.socket = ws;
      conn.sends = new SocketSends(ws, e -> engine.failed("socket send: " + e));
      conn.sends.send("{\"v\":1,\"op\":\"open\",\"session\":\"" + page.sessionId + "\",\"csrf\":\"" + page.csrf
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

  /** One socket of one page: reads lines, applies deliveries, sends throttled acks. */
  private final class Conn implements WebSocket.Listener {
    final SimPage page;
    final CompletableFuture<SimPage> opened = new CompletableFuture<>();
    final StringBuilder partial = new StringBuilder();
    final ReverseReader reader = new ReverseReader();
    volatile WebSocket socket;
    volatile SocketSends sends;
    volatile boolean gone;

    Conn(SimPage page) {
      this.page = page;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        byte[] bytes = partial.toString().getBytes(StandardCharsets.UTF_8);
        partial.setLength(0);
        int start = 0;
        for (int i = 0; i < bytes.length && !gone; i++) {
          if (bytes[i] == '\n') {
            onLine(bytes, start, i - start);
            start = i + 1;
          }
        }
        if (start < bytes.length && !gone) {
          onLine(bytes, start, bytes.length - start);
        }
      }
      webSocket.request(1);
      return null;
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
          scheduleAck();
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
      engine.timer().schedule(this::sendAck, Math.max(0, delay), TimeUnit.NANOSECONDS);
    }

    private void sendAck() {
      long ack;
      synchronized (page) {
        page.ackScheduled = false;
        ack = page.lastSeq;
        if (ack <= page.ackSent || gone) {
          return;
        }
        page.ackSent = ack;
      }
      page.lastAckNanos = System.nanoTime();
      engine.requests.increment();
      sends.send("{\"op\":\"ack\",\"v\":1,\"session\":\"" + page.sessionId + "\",\"csrf\":\"" + page.csrf
          + "\",\"ack\":" + ack + "}");
    }

    private void reconnect(long delayMillis) {
      if (gone) {
        return;
      }
      gone = true;
      page.streamOpen = false;
      WebSocket ws = socket;
      if (ws != null) {
        ws.abort();
      }
      engine.timer().schedule(() -> connect(page).exceptionally(e -> {
        engine.failed("socket reconnect: " + e);
        return null;
      }), delayMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      page.streamOpen = false;
      if (!gone && !engine.stopping()) {
        engine.failed("socket closed " + statusCode + " " + reason);
        reconnect(RETRY_MILLIS);
      }
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      page.streamOpen = false;
      opened.completeExceptionally(error);
      if (!gone && !engine.stopping()) {
        engine.failed("socket: " + error);
        reconnect(RETRY_MILLIS);
      }
    }
  }
}

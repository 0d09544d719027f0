package io.duplex.servlet;

import static io.duplex.servlet.DuplexTestClient.json;
import static io.duplex.servlet.DuplexTestClient.map;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.duplex.servlet.DuplexTestClient.CallSpec;
import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A page's WebSocket ({@code {base}/ws}) with the JDK's client: the page's cookies and Origin, the
 * frames of protocol section 4.6, and the lines the server sends, one JSON object each.
 */
public final class TestSocket implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(10);
  /** Stands for the end of the socket in the line queue. */
  private static final JsonObject END = new JsonObject();

  private final DuplexTestClient page;
  private final BlockingQueue<JsonObject> lines = new LinkedBlockingQueue<>();
  private final CompletableFuture<String> closed = new CompletableFuture<>();
  private final WebSocket socket;

  private TestSocket(DuplexTestClient page, String origin, String... headerPairs) {
    this.page = page;
    WebSocket.Builder builder = page.httpClient().newWebSocketBuilder().connectTimeout(WAIT);
    if (origin != null) {
      builder.header("Origin", origin);
    }
    for (int i = 0; i < headerPairs.length; i += 2) {
      builder.header(headerPairs[i], headerPairs[i + 1]);
    }
    URI uri = URI.create(page.base().replaceFirst("^http", "ws") + "/ws");
    this.socket = builder.buildAsync(uri, new Listener()).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  /** Opens the page's socket (no frame sent yet). */
  public static TestSocket connect(DuplexTestClient page) {
    return new TestSocket(page, page.originHeader());
  }

  /** Opens the page's socket with these extra upgrade-request headers (name, value, ...). */
  public static TestSocket connect(DuplexTestClient page, String... headerPairs) {
    return new TestSocket(page, page.originHeader(), headerPairs);
  }

  /** The upgrade's HTTP status when it is refused, e.g. 403; 101 when the socket opened. */
  public static int upgradeStatus(DuplexTestClient page, String origin) {
    try (TestSocket socket = new TestSocket(page, origin)) {
      return 101;
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw e;
    }
  }

  /** Sends the open frame with the page's session, token and ack. */
  public TestSocket open(long conn) {
    return send(json("v", 1, "op", "open", "session", page.session(), "csrf", page.csrf(), "ack", page.ack(), "conn", conn));
  }

  /** Sends a call frame numbered {@code n} with the page's session, token and ack. */
  public TestSocket call(long n, CallSpec... calls) {
    List<Object> list = new ArrayList<>();
    for (CallSpec c : calls) {
      list.add(map("id", c.id(), "service", c.service(), "method", c.method(), "args", Arrays.asList(c.args())));
    }
    return send(json("n", n, "v", 1, "op", "call", "session", page.session(), "csrf", page.csrf(), "ack", page.ack(),
        "calls", list));
  }

  /** Sends an ack frame. */
  public TestSocket ack(long ack) {
    return send(json("v", 1, "op", "ack", "session", page.session(), "csrf", page.csrf(), "ack", ack));
  }

  public TestSocket send(String frame) {
    socket.sendText(frame, true).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    return this;
  }

  /** Sends a ping frame: traffic that is no message, as a client keeping a socket busy sends. */
  public TestSocket ping() {
    socket.sendPing(java.nio.ByteBuffer.allocate(0)).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    return this;
  }

  /** The next line, or null once the socket has ended; fails after a few seconds without one. */
  public JsonObject next() {
    return next(WAIT);
  }

  /** The next line, or null once the socket has ended; fails after {@code silence} without one. */
  public JsonObject next(Duration silence) {
    try {
      JsonObject line = lines.poll(silence.toMillis(), TimeUnit.MILLISECONDS);
      if (line == null) {
        throw new AssertionError("no line from the socket within " + silence);
      }
      if (line == END) {
        lines.add(END);
        return null;
      }
      return line;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The next line that is not a heartbeat, or null once the socket has ended. */
  public JsonObject nextSkippingHeartbeats() {
    JsonObject line;
    do {
      line = next();
    } while (line != null && line.has("hb"));
    return line;
  }

  /** The next line answering frame {@code n}, skipping deliveries and heartbeats. */
  public JsonObject answer(long n) {
    JsonObject line;
    do {
      line = next();
      if (line == null) {
        throw new AssertionError("the socket ended before frame " + n + " was answered");
      }
    } while (!(line.has("n") && line.get("n").getAsLong() == n));
    return line;
  }

  /** {@code "code reason"} of the server's close frame, once the socket has closed. */
  public String closeStatus() {
    return closed.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  /** Drops the TCP connection without a close frame, as a lost network would. */
  public void abort() {
    socket.abort();
    // The JDK's client tells its listener nothing about an abort.
    closed.complete("aborted");
    lines.add(END);
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
    }
    abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        for (String line : text.toString().split("\n")) {
          if (!line.isEmpty()) {
            lines.add(JsonParser.parseString(line).getAsJsonObject());
          }
        }
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode + " " + reason);
      lines.add(END);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete("error " + error);
      lines.add(END);
    }
  }
}

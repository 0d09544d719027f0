package io.duplex.bench.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * W1 over a WebSocket (protocol 4.6): {@code concurrency} closed-loop pages, each with its own
 * socket (the JDK's java.net.http.WebSocket), one call frame of {@code Bench.echo("hello")} at a
 * time, the next as soon as its results line is in. Against Duplex each page first handshakes
 * over HTTP and sends the {@code open} frame; against the plain socket ceiling it only connects.
 */
final class SocketWorkload {
  private static final String PAGE = "/echo.html";
  private static final String TEXT = "hello";

  private final Engine engine;
  private final ServerProbe probe;
  private final String server;
  private final String socketUri;
  private final String origin;
  private final boolean duplex;
  private final HttpClient client = HttpClient.newHttpClient();

  /**
   * @param socketPath {@code {base}/ws} for Duplex (handshake and open frame first), else the
   *     ceiling socket's path
   */
  SocketWorkload(Engine engine, ServerProbe probe, String server, String host, int port, String socketPath, boolean duplex) {
    this.engine = engine;
    this.probe = probe;
    this.server = server;
    this.origin = "http://" + host + ":" + port;
    this.socketUri = "ws://" + host + ":" + port + socketPath;
    this.duplex = duplex;
  }

  JsonObject run(String workload, int concurrency, double warmSeconds, double measureSeconds) throws Exception {
    Loop loop = new Loop(concurrency);
    List<Page> pages = new ArrayList<>();
    List<CompletableFuture<Void>> opened = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      Page page = new Page(loop, new SimPage(i, PAGE));
      pages.add(page);
      opened.add(page.open());
    }
    CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    long errors0 = engine.errors.sum();
    pages.forEach(Page::next);
    Thread.sleep((long) (warmSeconds * 1000));
    loop.latency.getIntervalHistogram();
    long calls0 = loop.calls.sum();
    ServerProbe.Mark start = probe.mark();
    Thread.sleep((long) (measureSeconds * 1000));
    Histogram latency = loop.latency.getIntervalHistogram();
    long calls1 = loop.calls.sum();
    ServerProbe.Mark end = probe.mark();
    loop.running = false;
    loop.stopped.await(30, TimeUnit.SECONDS);
    for (Page page : pages) {
      page.sends.close();
    }

    JsonObject result = Results.start(workload, server);
    result.addProperty("concurrency", concurrency);
    result.addProperty("batch", 1);
    result.addProperty("transport", "websocket");
    result.addProperty("callsPerSec", Math.round((calls1 - calls0) / end.seconds(start)));
    Results.latency(result, latency);
    Results.cpu(result, start, end);
    result.addProperty("badResults", loop.bad.sum());
    result.addProperty("errors", engine.errors.sum() - errors0);
    if (engine.lastError != null) {
      result.addProperty("lastError", engine.lastError);
    }
    return result;
  }

  private static final class Loop {
    final Recorder latency = new Recorder(60_000_000L, 3);
    final LongAdder calls = new LongAdder();
    final LongAdder bad = new LongAdder();
    final CountDownLatch stopped;
    volatile boolean running = true;

    Loop(int pages) {
      this.stopped = new CountDownLatch(pages);
    }
  }

  /** One page: its socket, the frame number n and the send time of the frame in flight. */
  private final class Page implements WebSocket.Listener {
    final Loop loop;
    final SimPage page;
    final CompletableFuture<Void> openLine = new CompletableFuture<>();
    final StringBuilder partial = new StringBuilder();
    SocketSends sends;
    long n;
    long sent;

    Page(Loop loop, SimPage page) {
      this.loop = loop;
      this.page = page;
    }

    CompletableFuture<Void> open() {
      CompletableFuture<SimPage> handshake = duplex ? engine.handshake(page) : CompletableFuture.completedFuture(page);
      return handshake.thenCompose(p -> {
        WebSocket.Builder builder = client.newWebSocketBuilder().header("Origin", origin);
        if (p.cookie != null) {
          builder.header("Cookie", p.cookie);
        }
        return builder.buildAsync(URI.create(socketUri), this);
      }).thenCompose(ws -> {
        sends = new SocketSends(ws, e -> engine.failed("socket send: " + e));
        if (!duplex) {
          return CompletableFuture.completedFuture(null);
        }
        sends.send("{\"v\":1,\"op\":\"open\",\"session\":\"" + page.sessionId + "\",\"csrf\":\"" + page.csrf
            + "\",\"ack\":0,\"conn\":1}");
        return openLine;
      });
    }

    void next() {
      if (!loop.running) {
        loop.stopped.countDown();
        return;
      }
      n++;
      long id = page.index * 1_000_000_000L + n;
      String frame = "{\"n\":" + n + ",\"op\":\"call\",\"v\":1,\"session\":\"" + page.sessionId + "\",\"csrf\":\""
          + page.csrf + "\",\"ack\":0,\"calls\":[{\"id\":" + id
          + ",\"service\":\"Bench\",\"method\":\"echo\",\"args\":[\"" + TEXT + "\"]}]}";
      sent = System.nanoTime();
      sends.send(frame);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String message = partial.toString();
        partial.setLength(0);
        for (String line : message.split("\n")) {
          if (!line.isEmpty()) {
            onLine(JsonParser.parseString(line).getAsJsonObject());
          }
        }
      }
      webSocket.request(1);
      return null;
    }

    private void onLine(JsonObject line) {
      if (line.has("open")) {
        openLine.complete(null);
      } else if (line.has("results")) {
        loop.latency.recordValue(Math.min((System.nanoTime() - sent) / 1000, 60_000_000L));
        JsonElement value = line.getAsJsonArray("results").get(0).getAsJsonObject().get("value");
        if (value != null && TEXT.equals(value.getAsString())) {
          loop.calls.increment();
        } else {
          loop.bad.increment();
        }
        next();
      } else if (line.has("error") || line.has("close")) {
        engine.failed("socket: " + line);
        openLine.completeExceptionally(new IllegalStateException(line.toString()));
      }
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      engine.failed("socket: " + error);
      openLine.completeExceptionally(error);
    }
  }
}

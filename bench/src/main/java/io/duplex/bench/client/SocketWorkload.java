package io.duplex.bench.client;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * W1 over a WebSocket (protocol 4.6): {@code concurrency} closed-loop pages, each with its own
 * socket (a {@link ClientSocket}, all on one {@link SocketLoop} thread), one call frame of {@code Bench.echo("hello")} at a
 * time, the next as soon as its results line is in. Against Duplex each page first handshakes
 * over HTTP and sends the {@code open} frame; against the plain socket ceiling it only connects.
 * Each results line is read from its bytes ({@link ReverseReader}) and its value checked.
 */
final class SocketWorkload {
  private static final String PAGE = "/echo.html";
  private static final String TEXT = "hello";

  private final Engine engine;
  private final ServerProbe probe;
  private final String server;
  private final String host;
  private final int port;
  private final String socketPath;
  private final String origin;
  private final boolean duplex;

  /**
   * @param socketPath {@code {base}/ws} for Duplex (handshake and open frame first), else the
   *     ceiling socket's path
   */
  SocketWorkload(Engine engine, ServerProbe probe, String server, String host, int port, String socketPath, boolean duplex) {
    this.engine = engine;
    this.probe = probe;
    this.server = server;
    this.origin = "http://" + host + ":" + port;
    this.host = host;
    this.port = port;
    this.socketPath = socketPath;
    this.duplex = duplex;
  }

  JsonObject run(String workload, int concurrency, double warmSeconds, double measureSeconds) throws Exception {
    SocketLoop[] sockets = SocketLoop.group("bench-socket-loop");
    try {
      return run(sockets, workload, concurrency, warmSeconds, measureSeconds);
    } finally {
      SocketLoop.closeAll(sockets);
    }
  }

  private JsonObject run(SocketLoop[] sockets, String workload, int concurrency, double warmSeconds,
      double measureSeconds) throws Exception {
    Loop loop = new Loop(concurrency);
    List<Page> pages = new ArrayList<>();
    List<CompletableFuture<Void>> opened = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      Page page = new Page(sockets[i % sockets.length], loop, new SimPage(i, PAGE));
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
      page.socket.close();
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
  private final class Page implements ClientSocket.Listener {
    final SocketLoop sockets;
    final Loop loop;
    final SimPage page;
    final CompletableFuture<Void> openLine = new CompletableFuture<>();
    final ReverseReader reader = new ReverseReader();
    volatile ClientSocket socket;
    long n;
    long sent;

    Page(SocketLoop sockets, Loop loop, SimPage page) {
      this.sockets = sockets;
      this.loop = loop;
      this.page = page;
    }

    CompletableFuture<Void> open() {
      CompletableFuture<SimPage> handshake = duplex ? engine.handshake(page) : CompletableFuture.completedFuture(page);
      return handshake.thenCompose(p -> {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Origin", origin);
        if (p.cookie != null) {
          headers.put("Cookie", p.cookie);
        }
        return sockets.connect(host, port, socketPath, headers, this);
      }).thenCompose(ws -> {
        socket = ws;
        if (!duplex) {
          return CompletableFuture.completedFuture(null);
        }
        ws.send("{\"v\":1,\"op\":\"open\",\"session\":\"" + page.sessionId + "\",\"csrf\":\"" + page.csrf
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
      socket.send(frame);
    }

    @Override
    public void onText(ClientSocket ws, byte[] bytes, int offset, int length) {
      int end = offset + length;
      int start = offset;
      for (int i = offset; i <= end; i++) {
        if (i == end || bytes[i] == '\n') {
          if (i > start) {
            onLine(bytes, start, i - start);
          }
          start = i + 1;
        }
      }
    }

    private void onLine(byte[] bytes, int offset, int length) {
      reader.read(bytes, offset, length);
      if (reader.open) {
        openLine.complete(null);
      } else if (reader.results >= 0) {
        loop.latency.recordValue(Math.min((System.nanoTime() - sent) / 1000, 60_000_000L));
        if (reader.results == 1 && TEXT.equals(reader.firstValue)) {
          loop.calls.increment();
        } else {
          loop.bad.increment();
        }
        next();
      } else if (reader.error || reader.close != null) {
        String line = new String(bytes, offset, length, StandardCharsets.UTF_8);
        engine.failed("socket: " + line);
        openLine.completeExceptionally(new IllegalStateException(line));
      }
    }

    @Override
    public void onClose(ClientSocket ws, int code, String reason) {
      if (loop.running) {
        engine.failed("socket closed " + code + " " + reason);
        openLine.completeExceptionally(new IllegalStateException("closed " + code));
      }
    }

    @Override
    public void onError(ClientSocket ws, Throwable error) {
      engine.failed("socket: " + error);
      openLine.completeExceptionally(error);
    }
  }
}

package io.duplex.bench.client;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;

/**
 * What the browser engine does on the wire, for many simulated pages at once: the handshake, and
 * the reverse loop of each delivery mode (stream with throttled acks, long poll, polling), applying
 * every reverse object with the exactly-once rules. Everything is asynchronous: no thread per page.
 */
final class Engine implements AutoCloseable {
  private static final long CALL_TIMEOUT_MILLIS = 30_000;
  private static final long RETRY_MILLIS = 1_000;

  final BenchHttp http;
  final String base;
  private final MessageSink sink;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "bench-client-timer");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean stopping;
  final LongAdder errors = new LongAdder();
  final LongAdder requests = new LongAdder();
  volatile String lastError;

  Engine(BenchHttp http, String base, MessageSink sink) {
    this.http = http;
    this.base = base;
    this.sink = sink;
  }

  /** POST {base}/session; completes with the page ready to call and receive. */
  CompletableFuture<SimPage> handshake(SimPage page) {
    CompletableFuture<SimPage> done = new CompletableFuture<>();
    requests.increment();
    http.post(page.index, base + "/session", null, Wire.handshake(page.page), CALL_TIMEOUT_MILLIS)
        .send(new BufferingResponseListener(64 * 1024) {
          @Override
          public void onComplete(Result result) {
            try {
              if (result.isFailed() || result.getResponse().getStatus() != 200) {
                throw new IllegalStateException("handshake failed: " + describe(result, getContentAsString()));
              }
              String setCookie = result.getResponse().getHeaders().get(HttpHeader.SET_COOKIE);
              String cookie = setCookie == null ? null : setCookie.split(";", 2)[0];
              page.handshake(JsonParser.parseString(getContentAsString()).getAsJsonObject(), cookie);
              done.complete(page);
            } catch (RuntimeException e) {
              failed(e.getMessage());
              done.completeExceptionally(e);
            }
          }
        });
    return done;
  }

  /** Subscribes the page to {@code topic} with the engine's call (protocol 4.8). */
  CompletableFuture<SimPage> subscribe(SimPage page, String topic) {
    CompletableFuture<SimPage> done = new CompletableFuture<>();
    requests.increment();
    http.post(page.index, base + "/call", page.cookie, Wire.subscribe(page, topic), CALL_TIMEOUT_MILLIS)
        .send(new BufferingResponseListener(64 * 1024) {
          @Override
          public void onComplete(Result result) {
            String body = getContentAsString();
            if (result.isFailed() || result.getResponse().getStatus() != 200 || body.contains("\"error\"")) {
              IllegalStateException e = new IllegalStateException("subscribe failed: " + describe(result, body));
              failed(e.getMessage());
              done.completeExceptionally(e);
            } else {
              done.complete(page);
            }
          }
        });
    return done;
  }

  /**
   * Starts the page's reverse loop in the mode its handshake announced, on the timer thread: by
   * then the handshake's connection is back in the page's pool and the reverse request reuses it
   * (started from the handshake's own completion it would open a second one).
   */
  void startReverse(SimPage page) {
    timer.execute(() -> startReverseNow(page));
  }

  private void startReverseNow(SimPage page) {
    if (page.streams()) {
      stream(page);
    } else if (page.mode.equals("comet") || page.mode.equals("polling")) {
      poll(page);
    } else {
      throw new IllegalStateException("piggyback pages have no reverse loop");
    }
  }

  /** Applies a reverse object from any response (piggyback included). False on a gap. */
  boolean applyReverse(SimPage page, ReverseReader reverse) {
    boolean whole = page.accept(reverse, sink, System.nanoTime());
    if (page.streams() && page.lastSeq() > page.ackSent) {
      if (reverse.ackNow && !page.ackPosting) {
        sendAck(page, false);
      } else {
        scheduleAck(page);
      }
    }
    return whole;
  }

  private void stream(SimPage page) {
    if (stopping) {
      return;
    }
    requests.increment();
    http.post(page.index, base + "/reverse", page.cookie, Wire.reverseRequest(page, ackNow(page)), page.maxHoldMillis + 30_000)
        .send(new StreamListener(page));
  }

  /** Long poll and polling: one request, one reverse object, then the next request. */
  private void poll(SimPage page) {
    if (stopping) {
      return;
    }
    requests.increment();
    boolean polling = page.mode.equals("polling");
    http.post(page.index, base + "/reverse", page.cookie, Wire.reverseRequest(page, ackNow(page)), page.maxHoldMillis + 30_000)
        // A long poll shows nothing until it is answered: once it is sent, count it as held (W3).
        .onRequestSuccess(request -> page.streamOpen = !polling)
        .send(new BufferingResponseListener(4 * 1024 * 1024) {
          @Override
          public void onComplete(Result result) {
            if (stopping) {
              return;
            }
            if (result.isFailed() || result.getResponse().getStatus() != 200) {
              failed(describe(result, getContentAsString()));
              timer.schedule(() -> poll(page), RETRY_MILLIS, TimeUnit.MILLISECONDS);
              return;
            }
            byte[] body = getContent();
            ReverseReader reverse = new ReverseReader().read(body, 0, body.length);
            if (reverse.hasReverse) {
              applyReverse(page, reverse);
            }
            if (polling) {
              timer.schedule(() -> poll(page), page.pollIntervalMillis, TimeUnit.MILLISECONDS);
            } else {
              poll(page);
            }
          }
        });
  }

  private static long ackNow(SimPage page) {
    long ack = page.lastSeq();
    page.ackSent = Math.max(page.ackSent, ack);
    return ack;
  }

  /** Streaming acks: at most one per ackIntervalMillis while run entries are unacknowledged. */
  private void scheduleAck(SimPage page) {
    synchronized (page) {
      if (page.ackScheduled || page.lastSeq <= page.ackSent) {
        return;
      }
      page.ackScheduled = true;
    }
    long delay = page.lastAckNanos + TimeUnit.MILLISECONDS.toNanos(page.ackIntervalMillis) - System.nanoTime();
    if (delay <= 0) {
      sendAck(page, true);
    } else {
      timer.schedule(() -> sendAck(page, true), delay, TimeUnit.NANOSECONDS);
    }
  }

  /** An ack of what the page ran; {@code scheduled} when its timer (not an ackNow) sends it. */
  private void sendAck(SimPage page, boolean scheduled) {
    long ack;
    synchronized (page) {
      if (scheduled) {
        page.ackScheduled = false;
      }
      ack = page.lastSeq;
      if (ack <= page.ackSent || stopping) {
        return;
      }
      page.ackSent = ack;
    }
    page.lastAckNanos = System.nanoTime();
    requests.increment();
    page.ackPosting = true;
    http.post(page.index, base + "/ack", page.cookie, Wire.sessionRequest(page, ack), CALL_TIMEOUT_MILLIS)
        .send(result -> {
          page.ackPosting = false;
          if (result.isFailed() || result.getResponse().getStatus() != 204) {
            if (!stopping) {
              failed("ack: " + describe(result, null));
            }
          } else if (page.lastSeq() > page.ackSent) {
            scheduleAck(page);
          }
        });
  }

  void failed(String message) {
    errors.increment();
    lastError = message;
  }

  static String describe(Result result, String body) {
    if (result.isFailed()) {
      Throwable failure = result.getFailure();
      String text = String.valueOf(failure);
      return failure.getCause() == null ? text : text + " (" + failure.getCause() + ")";
    }
    return "HTTP " + result.getResponse().getStatus() + (body == null ? "" : " " + body);
  }

  boolean stopping() {
    return stopping;
  }

  ScheduledExecutorService timer() {
    return timer;
  }

  @Override
  public void close() {
    stopping = true;
    timer.shutdownNow();
  }

  /** Reads an NDJSON stream line by line as the engine's ReadableStream reader does. */
  private final class StreamListener implements Response.Listener {
    private final SimPage page;
    private final ReverseReader reader = new ReverseReader();
    private byte[] line = new byte[512];
    private int length;
    private String close;
    private boolean gap;

    StreamListener(SimPage page) {
      this.page = page;
    }

    @Override
    public void onContent(Response response, ByteBuffer content) {
      while (content.hasRemaining()) {
        byte b = content.get();
        if (b != '\n') {
          if (length == line.length) {
            line = java.util.Arrays.copyOf(line, line.length * 2);
          }
          line[length++] = b;
          continue;
        }
        boolean whole = onLine(line, length);
        length = 0;
        if (!whole) {
          gap = true;
          response.abort(new IllegalStateException("gap: asking again"));
          return;
        }
      }
    }

    private boolean onLine(byte[] bytes, int length) {
      reader.read(bytes, 0, length);
      if (reader.hasReverse) {
        return applyReverse(page, reader);
      }
      if (reader.open) {
        page.streamOpen = true;
      } else if (reader.close != null) {
        close = reader.close;
      }
      return true;
    }

    @Override
    public void onComplete(Result result) {
      page.streamOpen = false;
      if (stopping) {
        return;
      }
      if ("replaced".equals(close) || "ended".equals(close)) {
        return;
      }
      if (gap) {
        stream(page);
        return;
      }
      if (result.isFailed() || result.getResponse().getStatus() != 200) {
        failed("stream: " + describe(result, null));
        timer.schedule(() -> stream(page), RETRY_MILLIS, TimeUnit.MILLISECONDS);
        return;
      }
      stream(page);
    }
  }
}

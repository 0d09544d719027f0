package io.duplex.bench.client;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.Result;

/**
 * W1 and W1b: {@code concurrency} closed-loop pages, each sending one {@code /call} request of
 * {@code batch} calls of {@code Bench.echo("hello")} and the next as soon as the answer is in.
 */
final class CallWorkload {
  private static final String PAGE = "/echo.html";
  private static final String TEXT = "hello";

  private final Engine engine;
  private final ServerProbe probe;
  private final String server;

  CallWorkload(Engine engine, ServerProbe probe, String server) {
    this.engine = engine;
    this.probe = probe;
    this.server = server;
  }

  JsonObject run(String workload, int concurrency, int batch, double warmSeconds, double measureSeconds) throws Exception {
    List<SimPage> pages = new ArrayList<>();
    List<CompletableFuture<SimPage>> handshakes = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      SimPage page = new SimPage(i, PAGE);
      pages.add(page);
      handshakes.add(engine.handshake(page));
    }
    CompletableFuture.allOf(handshakes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

    Loop loop = new Loop(batch, concurrency);
    long errors0 = engine.errors.sum();
    pages.forEach(loop::next);
    sleep(warmSeconds);
    loop.latency.getIntervalHistogram();
    long calls0 = loop.calls.sum();
    ServerProbe.Mark start = probe.mark();
    sleep(measureSeconds);
    Histogram latency = loop.latency.getIntervalHistogram();
    long calls1 = loop.calls.sum();
    ServerProbe.Mark end = probe.mark();
    loop.running = false;
    loop.stopped.await(60, TimeUnit.SECONDS);

    JsonObject result = Results.start(workload, server);
    result.addProperty("concurrency", concurrency);
    result.addProperty("batch", batch);
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

  private static void sleep(double seconds) throws InterruptedException {
    Thread.sleep((long) (seconds * 1000));
  }

  private final class Loop {
    final int batch;
    final Recorder latency = new Recorder(60_000_000L, 3);
    final LongAdder calls = new LongAdder();
    final LongAdder bad = new LongAdder();
    final CountDownLatch stopped;
    volatile boolean running = true;

    Loop(int batch, int pages) {
      this.batch = batch;
      this.stopped = new CountDownLatch(pages);
    }

    void next(SimPage page) {
      if (!running) {
        stopped.countDown();
        return;
      }
      long firstId = page.index * 1_000_000_000L + calls.sum();
      byte[] body = Wire.echoBatch(page, page.lastSeq(), firstId, batch, TEXT);
      long sent = System.nanoTime();
      engine.requests.increment();
      engine.http.post(page.index, engine.base + "/call", page.cookie, body, 30_000)
          .send(new BufferingResponseListener(1 << 20) {
            @Override
            public void onComplete(Result result) {
              long micros = (System.nanoTime() - sent) / 1000;
              if (result.isFailed() || result.getResponse().getStatus() != 200) {
                engine.failed("call: " + Engine.describe(result, getContentAsString()));
              } else {
                latency.recordValue(Math.min(micros, 60_000_000L));
                check(page, getContent());
              }
              next(page);
            }
          });
    }

    private void check(SimPage page, byte[] body) {
      JsonObject answer = JsonParser.parseString(new String(body, java.nio.charset.StandardCharsets.UTF_8)).getAsJsonObject();
      JsonArray results = answer.getAsJsonArray("results");
      int good = 0;
      for (JsonElement element : results) {
        JsonElement value = element.getAsJsonObject().get("value");
        if (value != null && TEXT.equals(value.getAsString())) {
          good++;
        }
      }
      calls.add(good);
      bad.add(batch - good);
      if (answer.has("reverse")) {
        engine.applyReverse(page, new ReverseReader().read(body, 0, body.length));
      }
    }
  }
}

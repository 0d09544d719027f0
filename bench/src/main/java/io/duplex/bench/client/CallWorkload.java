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
    return measure(workload, open(concurrency), batch, warmSeconds, measureSeconds, true, () -> {});
  }

  /** {@code concurrency} pages, each through its handshake. */
  List<SimPage> open(int concurrency) throws Exception {
    List<SimPage> pages = new ArrayList<>();
    List<CompletableFuture<SimPage>> handshakes = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      SimPage page = new SimPage(i, PAGE);
      pages.add(page);
      handshakes.add(engine.handshake(page));
    }
    CompletableFuture.allOf(handshakes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    return pages;
  }

  /**
   * Runs the closed loop on open {@code pages}: {@code warmSeconds} unmeasured, then {@code
   * measureSeconds} measured. {@code probeServer} false leaves the server's CPU out (its control
   * requests could wait behind an attack); {@code beforeDrain} runs once the loop is told to stop
   * and before waiting for the calls still in flight.
   */
  JsonObject measure(String workload, List<SimPage> pages, int batch, double warmSeconds, double measureSeconds,
      boolean probeServer, Runnable beforeDrain) throws Exception {
    Loop loop = new Loop(batch, pages.size());
    long errors0 = engine.errors.sum();
    pages.forEach(loop::next);
    sleep(warmSeconds);
    loop.latency.getIntervalHistogram();
    long calls0 = loop.calls.sum();
    long t0 = System.nanoTime();
    ServerProbe.Mark start = probeServer ? probe.mark() : null;
    sleep(measureSeconds);
    Histogram latency = loop.latency.getIntervalHistogram();
    long calls1 = loop.calls.sum();
    long t1 = System.nanoTime();
    ServerProbe.Mark end = probeServer ? probe.mark() : null;
    loop.running = false;
    beforeDrain.run();
    loop.stopped.await(60, TimeUnit.SECONDS);

    JsonObject result = Results.start(workload, server);
    result.addProperty("concurrency", pages.size());
    result.addProperty("batch", batch);
    double seconds = probeServer ? end.seconds(start) : (t1 - t0) / 1e9;
    result.addProperty("callsPerSec", Math.round((calls1 - calls0) / seconds));
    Results.latency(result, latency);
    if (probeServer) {
      Results.cpu(result, start, end);
    }
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

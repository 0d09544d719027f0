package io.duplex.bench.client;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * W3: idle pages. Opens pages that hold a stream (or a long poll, when the server runs long
 * poll, or a WebSocket with {@code --mode=websocket}) and do nothing else, and reads the server's
 * heap after GC, thread count and RSS against the same server before the first page.
 */
final class IdleWorkload {
  private static final String PAGE = "/idle.html";
  private static final int CONNECT_PARALLELISM = 32;

  private final Engine engine;
  private final ServerProbe probe;
  private final String server;
  private final List<SimPage> pages = new ArrayList<>();
  private JsonObject fresh;
  /** websocket mode: the pages' sockets; else null. */
  private final SocketEngine sockets;

  private final String label;
  private final String container;

  /**
   * @param label the result's workload name (W3; W3d on default containers)
   * @param container the server's container, recorded with the result
   */
  IdleWorkload(Engine engine, ServerProbe probe, String server, SocketEngine sockets, String label, String container) {
    this.label = label;
    this.container = container;
    this.engine = engine;
    this.sockets = sockets;
    this.probe = probe;
    this.server = server;
  }

  JsonObject run(int count) throws Exception {
    if (fresh == null) {
      fresh = probe.stats(true);
    }
    Semaphore slots = new Semaphore(CONNECT_PARALLELISM);
    List<CompletableFuture<SimPage>> pending = new ArrayList<>();
    for (int i = pages.size(); i < count; i++) {
      SimPage page = new SimPage(i, PAGE);
      pages.add(page);
      slots.acquire();
      if (sockets != null) {
        pending.add(sockets.open(page).whenComplete((p, e) -> slots.release()));
        continue;
      }
      pending.add(engine.handshake(page).whenComplete((p, e) -> {
        slots.release();
        if (e == null) {
          engine.startReverse(p);
        }
      }));
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (pages.stream().anyMatch(p -> !p.streamOpen)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("idle pages did not all open their stream");
      }
      Thread.sleep(50);
    }
    // Let threads started for the connection burst idle out (the bench server's pool: 5 s).
    Thread.sleep(6_000);
    JsonObject now = probe.stats(true);
    long open = pages.stream().filter(p -> p.streamOpen).count();

    JsonObject result = Results.start(label, server);
    result.addProperty("container", container);
    result.addProperty("pages", count);
    result.addProperty("mode", sockets != null ? "websocket" : pages.get(0).streams() ? "stream" : "longpoll");
    result.addProperty("openStreams", open);
    result.addProperty("heapBytesFresh", fresh.get("heapBytes").getAsLong());
    result.addProperty("heapBytes", now.get("heapBytes").getAsLong());
    result.addProperty("heapBytesPerPage",
        (now.get("heapBytes").getAsLong() - fresh.get("heapBytes").getAsLong()) / (double) count);
    result.addProperty("directBytesPerPage",
        (now.get("directBytes").getAsLong() - fresh.get("directBytes").getAsLong()) / (double) count);
    result.addProperty("threadsFresh", fresh.get("threads").getAsInt());
    result.addProperty("threads", now.get("threads").getAsInt());
    result.addProperty("threadsOutsidePoolFresh", fresh.get("threadsOutsidePool").getAsInt());
    result.addProperty("threadsOutsidePool", now.get("threadsOutsidePool").getAsInt());
    result.addProperty("rssBytesFresh", fresh.get("rssBytes").getAsLong());
    result.addProperty("rssBytes", now.get("rssBytes").getAsLong());
    result.addProperty("errors", engine.errors.sum());
    if (engine.lastError != null) {
      result.addProperty("lastError", engine.lastError);
    }
    return result;
  }
}

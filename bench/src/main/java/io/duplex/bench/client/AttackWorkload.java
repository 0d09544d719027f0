package io.duplex.bench.client;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * W4: legitimate W1 load (closed-loop pages calling {@code Bench.echo}) measured three times on the
 * same server and the same pages: without attack, while another client floods handshakes at full
 * speed, and while it holds {@code slowBodies} requests whose bodies never finish. Each phase
 * reports calls/s, latency and the server's heap high-water marks (read before and after the
 * attack, never during it: the control requests would queue behind the attack too).
 */
final class AttackWorkload {
  private final CallWorkload calls;
  private final ServerProbe probe;
  private final String host;
  private final int port;
  private final String base;

  AttackWorkload(CallWorkload calls, ServerProbe probe, String host, int port, String base) {
    this.calls = calls;
    this.probe = probe;
    this.host = host;
    this.port = port;
    this.base = base;
  }

  void run(int concurrency, double jvmWarm, double warm, double measure, int floodConnections, int slowBodies)
      throws Exception {
    List<SimPage> pages = calls.open(concurrency);
    if (jvmWarm > 0) {
      calls.measure("warm-up", pages, 1, jvmWarm, 0.5, false, () -> {});
    }

    probe.stats(false, true);
    JsonObject none = calls.measure("W4", pages, 1, warm, measure, false, () -> {});
    Results.emit(withHeap(none, "none"));

    probe.stats(false, true);
    HandshakeFlood flood = new HandshakeFlood(host, port, base, floodConnections);
    flood.start();
    long floodStart = System.nanoTime();
    long[] answeredInWindow = new long[1];
    JsonObject flooded = calls.measure("W4", pages, 1, warm, measure, false, () -> {
      answeredInWindow[0] = flood.answered();
      try {
        flood.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    double floodSeconds = (System.nanoTime() - floodStart) / 1e9;
    flooded.addProperty("floodConnections", floodConnections);
    flooded.addProperty("attackPerSec", Math.round(answeredInWindow[0] / floodSeconds));
    flooded.addProperty("attackAccepted", flood.accepted.sum());
    flooded.addProperty("attackRefused", flood.refused.sum());
    flooded.addProperty("attackFailures", flood.failures.sum());
    Results.emit(withHeap(flooded, "handshake-flood"));

    probe.stats(false, true);
    SlowBodies slow = new SlowBodies(host, port, base, slowBodies);
    int[] openAtEnd = new int[1];
    JsonObject held;
    try {
      slow.start();
      held = calls.measure("W4", pages, 1, warm, measure, false, () -> {
        openAtEnd[0] = slow.open;
        try {
          slow.close();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    } finally {
      slow.close();
    }
    held.addProperty("slowBodies", slowBodies);
    held.addProperty("slowBodiesOpenAtEnd", openAtEnd[0]);
    Results.emit(withHeap(held, "slow-bodies"));
  }

  private JsonObject withHeap(JsonObject result, String attack) throws Exception {
    result.addProperty("attack", attack);
    JsonObject stats = probe.stats(false, false);
    result.addProperty("heapPeakBytes", stats.get("heapPeakBytes").getAsLong());
    result.addProperty("heapAfterGcPeakBytes", stats.get("heapAfterGcPeakBytes").getAsLong());
    result.addProperty("maxHeapBytes", stats.get("maxHeapBytes").getAsLong());
    return result;
  }
}

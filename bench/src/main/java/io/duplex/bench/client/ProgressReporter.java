package io.duplex.bench.client;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpMethod;

/**
 * Tells the server's publisher how far delivery has got ({@code POST /control/delivered?seq=}),
 * with at most one report in flight: later progress is folded into the next report.
 */
final class ProgressReporter {
  private final BenchHttp http;
  private final String host;
  private final int port;
  private final AtomicBoolean inFlight = new AtomicBoolean();
  private final AtomicLong latest = new AtomicLong();
  private volatile long reported;

  ProgressReporter(BenchHttp http, String host, int port) {
    this.http = http;
    this.host = host;
    this.port = port;
  }

  void delivered(long seq) {
    latest.accumulateAndGet(seq, Math::max);
    send();
  }

  private void send() {
    if (latest.get() > reported && inFlight.compareAndSet(false, true)) {
      long seq = latest.get();
      Request request = http.rawClient().newRequest(host, port).method(HttpMethod.POST).path("/control/delivered?seq=" + seq);
      request.send(result -> {
        reported = Math.max(reported, seq);
        inFlight.set(false);
        send();
      });
    }
  }
}

package io.duplex.servlet.internal.call;

import io.duplex.internal.protocol.Call;
import io.duplex.internal.protocol.CallOutcome;
import io.duplex.internal.reverse.OutboundQueue;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch waiting for futures, its request in async mode. Exactly one of "all completed", "timed
 * out" and "connection failed" answers it. The answer is written on a container thread (not on the
 * thread that completed the last future, which belongs to the application).
 */
final class PendingBatch implements AsyncListener {
  private static final Logger LOG = LoggerFactory.getLogger(PendingBatch.class);

  private final CallHandler handler;
  private final List<Call> calls;
  private final List<CompletableFuture<CallOutcome>> futures;
  private final OutboundQueue queue;
  private final long ack;
  private final AtomicBoolean answered = new AtomicBoolean();
  private AsyncContext async;

  PendingBatch(
      CallHandler handler,
      List<Call> calls,
      List<CompletableFuture<CallOutcome>> futures,
      OutboundQueue queue,
      long ack) {
    this.handler = handler;
    this.calls = calls;
    this.futures = futures;
    this.queue = queue;
    this.ack = ack;
  }

  void start(HttpServletRequest request, HttpServletResponse response) {
    async = request.startAsync(request, response);
    async.setTimeout(handler.asyncTimeoutMillis());
    async.addListener(this);
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .whenComplete(
            (ignored, failure) -> {
              if (answered.compareAndSet(false, true)) {
                async.start(this::answer);
              }
            });
  }

  private void answer() {
    try {
      handler.respond((HttpServletResponse) async.getResponse(), calls, futures, queue, ack);
    } catch (IOException | RuntimeException e) {
      LOG.debug("Could not send a call response; the page has probably gone", e);
    } finally {
      async.complete();
    }
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    if (answered.compareAndSet(false, true)) {
      answer();
    }
  }

  @Override
  public void onError(AsyncEvent event) {
    if (answered.compareAndSet(false, true)) {
      async.complete();
    }
  }

  @Override
  public void onComplete(AsyncEvent event) {}

  @Override
  public void onStartAsync(AsyncEvent event) {}
}

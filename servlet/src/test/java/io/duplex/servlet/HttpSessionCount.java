package io.duplex.servlet;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the server's live HTTP sessions, and the most there were at once. */
final class HttpSessionCount implements HttpSessionListener {
  private final AtomicInteger live = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private final AtomicInteger created = new AtomicInteger();

  @Override
  public void sessionCreated(HttpSessionEvent event) {
    created.incrementAndGet();
    peak.accumulateAndGet(live.incrementAndGet(), Math::max);
  }

  @Override
  public void sessionDestroyed(HttpSessionEvent event) {
    live.decrementAndGet();
  }

  int live() {
    return live.get();
  }

  int peak() {
    return peak.get();
  }

  int created() {
    return created.get();
  }
}

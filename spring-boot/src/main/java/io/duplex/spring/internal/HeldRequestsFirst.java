package io.duplex.spring.internal;

import io.duplex.servlet.DuplexServlet;
import org.springframework.context.SmartLifecycle;

/**
 * Ends Duplex's held reverse requests when the application begins to stop, before the web server's
 * graceful shutdown: that waits for active requests, and a held stream or long poll is active until
 * its hold ends ({@code maxHoldMillis}, 30 s by default). Pages get their close line and reconnect
 * later, or to another instance.
 */
public final class HeldRequestsFirst implements SmartLifecycle {
  private final DuplexServlet servlet;
  private volatile boolean running;

  /** @param servlet the servlet whose held requests end */
  public HeldRequestsFirst(DuplexServlet servlet) {
    this.servlet = servlet;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    servlet.closeHeldRequests();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** The highest phase stops first: before the web server's graceful shutdown phase. */
  @Override
  public int getPhase() {
    return DEFAULT_PHASE;
  }
}

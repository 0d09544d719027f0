package io.duplex.servlet.internal.reverse;

import io.duplex.internal.protocol.ResponseBuffer;
import io.duplex.internal.protocol.StreamLines;
import io.duplex.internal.reverse.ScriptSessionImpl;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Comet streaming: an NDJSON response with an open line, a line per delivery, heartbeats while
 * idle, and a close line after maxHoldMillis, on replacement, or when the session ends.
 */
final class StreamConnection extends HeldConnection {
  private final long heartbeatNanos;
  private final long heartbeatMillis;
  private ScheduledFuture<?> heartbeat;
  private long lastLineNanos = System.nanoTime();

  StreamConnection(
      ScriptSessionImpl session,
      long ack,
      long conn,
      HeldConnections registry,
      ScheduledExecutorService executor,
      long holdMillis,
      long heartbeatMillis) {
    super(session, ack, conn, registry, executor, holdMillis);
    this.heartbeatMillis = heartbeatMillis;
    this.heartbeatNanos = TimeUnit.MILLISECONDS.toNanos(heartbeatMillis);
  }

  @Override
  protected void prepare(HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(StreamLines.CONTENT_TYPE);
    response.setHeader("Cache-Control", "no-store");
    // Proxies such as nginx would otherwise hold lines back until their buffer fills.
    response.setHeader("X-Accel-Buffering", "no");
  }

  @Override
  protected void started(ResponseBuffer out) {
    StreamLines.open(out);
    lastLineNanos = System.nanoTime();
    heartbeat = later(this::beat, heartbeatMillis);
  }

  /** A heartbeat when the stream has been quiet for half a period or more; then the next tick. */
  private void beat(ResponseBuffer out) {
    if (caughtUp() && System.nanoTime() - lastLineNanos >= heartbeatNanos / 2) {
      StreamLines.heartbeat(out);
      lastLineNanos = System.nanoTime();
    }
    heartbeat = later(this::beat, heartbeatMillis);
  }

  @Override
  protected void produce(ResponseBuffer out) throws IOException {
    if (queue.hasPendingAfter(written)) {
      written = StreamLines.delivery(out, queue, written);
      lastLineNanos = System.nanoTime();
    }
  }

  @Override
  protected void closing(ResponseBuffer out, Reason reason) throws IOException {
    switch (reason) {
      case HOLD, SHUTDOWN, DELIVER -> {
        if (caughtUp()) {
          produce(out);
        }
        StreamLines.close(out, StreamLines.Close.HOLD);
      }
      case REPLACED -> StreamLines.close(out, StreamLines.Close.REPLACED);
      case ENDED -> StreamLines.close(out, StreamLines.Close.ENDED);
    }
  }

  @Override
  protected void stopTimers() {
    if (heartbeat != null) {
      heartbeat.cancel(false);
    }
  }
}

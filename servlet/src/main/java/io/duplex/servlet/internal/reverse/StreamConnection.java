package io.duplex.servlet.internal.reverse;

import io.duplex.internal.protocol.ResponseBuffer;
import io.duplex.internal.protocol.StreamLines;
import io.duplex.internal.reverse.ScriptSessionImpl;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Comet streaming: an NDJSON response with an open line, a line per delivery, heartbeats while
 * idle, and a close line after maxHoldMillis, on replacement, or when the session ends.
 */
final class StreamConnection extends HeldConnection {
  /** A quiet stream gets a heartbeat once it has been quiet this long (heartbeat minus a sweep). */
  private final long quietNanos;
  /** Written under the lock, read racily by the sweep's check. */
  private volatile long lastLineNanos = System.nanoTime();

  StreamConnection(
      ScriptSessionImpl session, long ack, long conn, Holding holding, long heartbeatMillis, long sweepMillis) {
    super(session, ack, conn, holding);
    // Sweeps come every sweepMillis: starting one early keeps quiet gaps at most heartbeatMillis.
    this.quietNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, heartbeatMillis - sweepMillis));
  }

  @Override
  protected void prepare(HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(StreamLines.CONTENT_TYPE);
    // The container's default (Jetty 32 KB) would be taken by every held response for its whole
    // hold; what Duplex writes is flushed at once, and larger writes pass the buffer by.
    response.setBufferSize(HeldConnection.RESPONSE_BUFFER_BYTES);
    response.setHeader("Cache-Control", "no-store");
    // Proxies such as nginx would otherwise hold lines back until their buffer fills.
    response.setHeader("X-Accel-Buffering", "no");
  }

  @Override
  protected void started(ResponseBuffer out) {
    StreamLines.open(out);
    lastLineNanos = System.nanoTime();
  }

  @Override
  protected boolean wantsSweep(long now) {
    return now - lastLineNanos >= quietNanos;
  }

  /** A heartbeat, unless a write is still on its way (the page is not reading: no point). */
  @Override
  protected void onSweep(long now, ResponseBuffer out) {
    if (caughtUp()) {
      StreamLines.heartbeat(out);
      lastLineNanos = now;
    }
  }

  @Override
  protected void produce(ResponseBuffer out) throws IOException {
    int before = out.size();
    if (queue.hasPendingAfter(written)) {
      written = StreamLines.delivery(out, queue, written);
    }
    for (String[] notice : notices) {
      StreamLines.notice(out, notice[0], notice[1]);
    }
    notices.clear();
    for (Carried page : others()) {
      if (page.queue.hasPendingAfter(page.written)) {
        page.written = StreamLines.delivery(out, page.session.id(), page.queue, page.written);
      }
    }
    if (out.size() > before) {
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
}

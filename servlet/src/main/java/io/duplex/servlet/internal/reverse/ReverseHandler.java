package io.duplex.servlet.internal.reverse;

import io.duplex.DuplexConfig;
import io.duplex.ReverseAjax;
import io.duplex.internal.protocol.ResponseBuffer;
import io.duplex.internal.protocol.ResponseWriter;
import io.duplex.internal.protocol.ReverseRequest;
import io.duplex.internal.reverse.ScriptSessionImpl;
import io.duplex.servlet.internal.HttpResponses;
import io.duplex.servlet.internal.security.SessionGuard;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /reverse} in the configured mode (protocol section 4.4): comet holds the request
 * (streaming or long poll) without holding a thread; polling and piggyback answer at once.
 */
public final class ReverseHandler implements AutoCloseable {
  /** Pumps and timers of every held connection; their work never blocks, so two threads do. */
  private static final int THREADS = 2;

  private final DuplexConfig config;
  private final HeldConnections held = new HeldConnections();
  private final ScheduledThreadPoolExecutor executor;

  public ReverseHandler(DuplexConfig config) {
    this.config = config;
    this.executor = new ScheduledThreadPoolExecutor(THREADS, daemonThreads());
    executor.setRemoveOnCancelPolicy(true);
  }

  public void handle(
      ReverseRequest body, SessionGuard.Checked checked, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ScriptSessionImpl session = checked.scriptSession();
    session.touch();
    session.queue().acknowledge(body.ack());
    if (config.reverseAjax() != ReverseAjax.COMET) {
      ResponseBuffer out = new ResponseBuffer();
      ResponseWriter.reverse(out, session.queue(), body.ack());
      HttpResponses.json(response, HttpServletResponse.SC_OK, out);
      return;
    }
    HeldConnection connection =
        config.streaming()
            ? new StreamConnection(
                session, body.ack(), body.conn(), held, executor, config.maxHoldMillis(), config.heartbeatMillis())
            : new LongPollConnection(
                session,
                body.ack(),
                body.conn(),
                held,
                executor,
                config.maxHoldMillis(),
                config.maxWaitAfterWriteMillis());
    connection.start(request, response);
  }

  /** Ends every held request (pages reconnect) and stops the timers. */
  @Override
  public void close() {
    for (HeldConnection connection : held.all()) {
      connection.closeWith(HeldConnection.Reason.SHUTDOWN);
    }
    executor.shutdown();
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "duplex-reverse-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}

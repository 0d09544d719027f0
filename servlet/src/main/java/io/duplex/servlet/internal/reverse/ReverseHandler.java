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
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /reverse} in the configured mode (protocol section 4.4): comet holds the request
 * (streaming or long poll) without holding a thread; polling and piggyback answer at once.
 */
public final class ReverseHandler implements AutoCloseable {
  /** Pumps, the sweep and long-poll timers; their work never blocks, so two threads do. */
  private static final int THREADS = 2;
  /** Bounds of the sweep's period: often enough for short test holds, rare enough to cost nothing. */
  private static final long MIN_SWEEP_MILLIS = 5;
  private static final long MAX_SWEEP_MILLIS = 250;

  private final DuplexConfig config;
  private final HeldConnections held;
  private final ScheduledThreadPoolExecutor executor;
  private final Holding holding;
  private final long sweepMillis;

  public ReverseHandler(DuplexConfig config) {
    this.config = config;
    this.held = new HeldConnections(config.maxHeldPerHttpSession());
    this.executor = new ScheduledThreadPoolExecutor(THREADS, daemonThreads());
    executor.setRemoveOnCancelPolicy(true);
    this.holding = new Holding(held, new Pumps(executor, THREADS), executor, config.maxHoldMillis());
    this.sweepMillis = sweepMillis(config);
    if (config.reverseAjax() == ReverseAjax.COMET || config.reverseAjax() == ReverseAjax.WEBSOCKET) {
      executor.scheduleWithFixedDelay(held::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * A quarter of the shortest period the sweep serves (the hold; the heartbeat when streaming):
   * holds end at most that late, and heartbeats are never further apart than configured.
   */
  static long sweepMillis(DuplexConfig config) {
    long shortest = config.reverseAjax() == ReverseAjax.WEBSOCKET
        ? config.heartbeatMillis()
        : config.streaming()
        ? Math.min(config.maxHoldMillis(), config.heartbeatMillis())
        : config.maxHoldMillis();
    return Math.max(MIN_SWEEP_MILLIS, Math.min(MAX_SWEEP_MILLIS, shortest / 4));
  }

  public void handle(
      ReverseRequest body, SessionGuard.Checked checked, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ScriptSessionImpl session = checked.scriptSession();
    session.answered(body.answers());
    session.touch();
    session.queue().acknowledge(body.ack());
    if (config.reverseAjax() != ReverseAjax.COMET && config.reverseAjax() != ReverseAjax.WEBSOCKET) {
      answerNow(body, session, response, false);
      return;
    }
    if (!held.admit(session)) {
      // maxHeldPerHttpSession other pages of this browser hold a request: answer like a poll.
      answerNow(body, session, response, true);
      return;
    }
    HeldConnection connection =
        config.streaming() || config.reverseAjax() == ReverseAjax.WEBSOCKET
            ? new StreamConnection(session, body.ack(), body.conn(), holding, config.heartbeatMillis(), sweepMillis)
            : new LongPollConnection(session, body.ack(), body.conn(), holding, config.maxWaitAfterWriteMillis());
    boolean started = false;
    try {
      connection.start(request, response);
      started = true;
    } finally {
      if (!started) {
        connection.returnSlot();
      }
    }
  }

  /**
   * Makes the page's held connection the given sink (a WebSocket; see {@link SocketOpening}), after
   * the socket's open frame passed the checks. When maxHeldPerHttpSession other pages of the
   * browser hold one, {@code refuse} gets what is queued with {@code "advice":"poll"} (as a
   * refused comet request would) and null is returned. No WebSocket type appears here: this class
   * is loaded in every mode, and the WebSocket API may be absent when the mode is not websocket.
   */
  SocketDelivery openSocket(ReverseRequest open, ScriptSessionImpl session, Sink sink,
      java.util.function.Consumer<String> refuse) throws IOException {
    session.answered(open.answers());
    session.touch();
    session.queue().acknowledge(open.ack());
    if (!held.admit(session)) {
      ResponseBuffer out = new ResponseBuffer();
      answerNow(open, session, out, true);
      out.ascii("\n");
      refuse.accept(new String(out.array(), 0, out.size(), java.nio.charset.StandardCharsets.UTF_8));
      return null;
    }
    StreamConnection connection =
        new StreamConnection(session, open.ack(), open.conn(), holding, config.heartbeatMillis(), sweepMillis);
    sink.attach(connection);
    boolean started = false;
    try {
      connection.start(sink);
      started = true;
    } finally {
      if (!started) {
        connection.returnSlot();
      }
    }
    return new SocketDelivery(connection);
  }

  /**
   * The poll answer: what is queued after {@code ack}; with {@code "advice":"poll"} when a held
   * request was refused (protocol section 4.4), so the page polls until a slot is free.
   */
  private static void answerNow(
      ReverseRequest body, ScriptSessionImpl session, HttpServletResponse response, boolean advisePoll)
      throws IOException {
    ResponseBuffer out = new ResponseBuffer();
    answerNow(body, session, out, advisePoll);
    HttpResponses.json(response, HttpServletResponse.SC_OK, out);
  }

  private static void answerNow(ReverseRequest body, ScriptSessionImpl session, ResponseBuffer out, boolean advisePoll)
      throws IOException {
    ResponseWriter.reverse(out, session.queue(), body.ack());
    if (advisePoll) {
      // The same object with one more member: its closing brace makes way for it.
      out.truncate(out.size() - 1);
      out.ascii(",\"advice\":\"poll\"}");
    }
  }

  /** Ends every held request (pages reconnect) and stops the timers. */
  @Override
  public void close() {
    closeHeld();
  }

  /**
   * Like {@link #close}; the future completes once every connection ended has finished: responses
   * completed, WebSockets closed by their pages' answer to the close frame.
   */
  public java.util.concurrent.CompletableFuture<Void> closeHeld() {
    List<HeldConnection> connections = held.close();
    for (HeldConnection connection : connections) {
      connection.closeWith(HeldConnection.Reason.SHUTDOWN);
    }
    executor.shutdown();
    return java.util.concurrent.CompletableFuture.allOf(
        connections.stream().map(HeldConnection::gone).toArray(java.util.concurrent.CompletableFuture[]::new));
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

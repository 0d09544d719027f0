package io.duplex.servlet.internal.reverse;

import io.duplex.DuplexConfig;
import io.duplex.ReverseAjax;
import io.duplex.internal.HeldConnectionCounters;
import io.duplex.internal.protocol.AckRequest;
import io.duplex.internal.protocol.ProtocolException;
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

  private final SessionGuard guard;

  /**
   * @param config the settings
   * @param guard checks the pages a connection carries for other tabs
   * @param counts where the connections held are counted per mode ({@code Duplex.heldConnections()})
   */
  public ReverseHandler(DuplexConfig config, SessionGuard guard, HeldConnectionCounters counts) {
    this.config = config;
    this.guard = guard;
    this.held = new HeldConnections(config.maxHeldPerHttpSession());
    this.executor = new ScheduledThreadPoolExecutor(THREADS, daemonThreads());
    executor.setRemoveOnCancelPolicy(true);
    this.holding = new Holding(held, new Pumps(executor, THREADS), executor, config.maxHoldMillis(), counts);
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
      if (!body.pages().isEmpty()) {
        throw ProtocolException.malformed("Field 'pages': only held connections (comet, websocket) carry other pages");
      }
      answerNow(body, session, null, response, false);
      return;
    }
    checkCount(body.pages());
    if (!held.admit(session)) {
      // maxHeldPerHttpSession other pages of this browser hold a request: answer like a poll.
      answerNow(body, session, checked.httpSession(), response, true);
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
    carry(connection, body.pages(), checked.httpSession());
  }

  /** More pages on one connection than one browser may have open is no browser's request. */
  private void checkCount(List<AckRequest> pages) {
    if (!pages.isEmpty() && !config.shareConnection()) {
      throw ProtocolException.malformed("Field 'pages': shareConnection is off on this server");
    }
    if (pages.size() >= config.maxPagesPerHttpSession()) {
      throw ProtocolException.malformed(
          "Field 'pages': at most " + (config.maxPagesPerHttpSession() - 1) + " other pages (maxPagesPerHttpSession)");
    }
  }

  /**
   * Makes {@code connection} carry {@code pages} (other tabs of the browser), each checked as its own
   * request would be against the connection's HTTP session (exists, same HTTP session, token). A
   * page that fails is not carried: its tab is told with a line tagged with its id, and the others
   * are carried all the same.
   */
  private void carry(HeldConnection connection, List<AckRequest> pages, jakarta.servlet.http.HttpSession http) {
    for (AckRequest page : pages) {
      join(connection, page, http);
    }
  }

  private void join(HeldConnection connection, AckRequest page, jakarta.servlet.http.HttpSession http) {
    ScriptSessionImpl carried;
    try {
      carried = guard.check(page, http).scriptSession();
    } catch (ProtocolException refused) {
      connection.notice(page.session(), refusal(refused));
      return;
    }
    carried.touch();
    // Not acknowledged here: each page acknowledges what it ran itself (the tab that holds the
    // connection passes on what it forwarded, which the page may not have run yet).
    connection.join(carried, page.ack());
  }

  /**
   * Makes the page's held connection the given sink (a WebSocket; see {@link SocketOpening}), after
   * the socket's open frame passed the checks. When maxHeldPerHttpSession other pages of the
   * browser hold one, {@code refuse} gets what is queued with {@code "advice":"poll"} (as a
   * refused comet request would) and null is returned. No WebSocket type appears here: this class
   * is loaded in every mode, and the WebSocket API may be absent when the mode is not websocket.
   */
  SocketDelivery openSocket(ReverseRequest open, ScriptSessionImpl session, jakarta.servlet.http.HttpSession http,
      Sink sink, java.util.function.Consumer<String> refuse) throws IOException {
    checkCount(open.pages());
    session.answered(open.answers());
    session.touch();
    session.queue().acknowledge(open.ack());
    if (!held.admit(session)) {
      ResponseBuffer out = new ResponseBuffer();
      answerNow(open, session, http, out, true);
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
    carry(connection, open.pages(), http);
    return new SocketDelivery(connection, this, http);
  }

  /** A {@code join} frame of a socket (protocol section 4.6). */
  void join(HeldConnection connection, AckRequest page, jakarta.servlet.http.HttpSession http, int carried) {
    if (!config.shareConnection()) {
      throw ProtocolException.malformed("Op join: shareConnection is off on this server");
    }
    if (carried + 1 >= config.maxPagesPerHttpSession()) {
      throw ProtocolException.malformed(
          "Op join: at most " + (config.maxPagesPerHttpSession() - 1) + " other pages (maxPagesPerHttpSession)");
    }
    join(connection, page, http);
  }

  /**
   * The poll answer: what is queued after {@code ack}; with {@code "advice":"poll"} when a held
   * request was refused (protocol section 4.4), so the page polls until a slot is free.
   */
  private void answerNow(ReverseRequest body, ScriptSessionImpl session, jakarta.servlet.http.HttpSession http,
      HttpServletResponse response, boolean advisePoll) throws IOException {
    ResponseBuffer out = new ResponseBuffer();
    answerNow(body, session, http, out, advisePoll);
    HttpResponses.json(response, HttpServletResponse.SC_OK, out);
  }

  private void answerNow(ReverseRequest body, ScriptSessionImpl session, jakarta.servlet.http.HttpSession http,
      ResponseBuffer out, boolean advisePoll) throws IOException {
    ResponseWriter.reverse(out, session.queue(), body.ack());
    // The same object with more members: its closing brace makes way for them.
    out.truncate(out.size() - 1);
    if (!body.pages().isEmpty()) {
      // Carried pages get what is queued for them, as from a long poll (section 4.4).
      out.ascii(",\"pages\":[");
      boolean first = true;
      for (AckRequest page : body.pages()) {
        ScriptSessionImpl carried = null;
        String members = null;
        try {
          carried = guard.check(page, http).scriptSession();
          carried.touch();
        } catch (ProtocolException refused) {
          members = refusal(refused);
        }
        if (carried != null && !carried.queue().hasPendingAfter(page.ack())) {
          continue;
        }
        if (!first) {
          out.ascii(",");
        }
        first = false;
        out.ascii("{\"s\":").ascii(io.duplex.internal.protocol.StreamLines.quoted(page.session())).ascii(",");
        if (carried == null) {
          out.write(members);
        } else {
          out.ascii("\"reverse\":");
          carried.queue().writePending(page.ack(), out.asOutputStream());
        }
        out.ascii("}");
      }
      out.ascii("]");
    }
    if (advisePoll) {
      out.ascii(",\"advice\":\"poll\"");
    }
    out.ascii("}");
  }

  /** A refusal as the members after a carried page's {@code "s"}: {@code "v":1,"error":{...}}. */
  private static String refusal(ProtocolException refused) {
    ResponseBuffer error = new ResponseBuffer();
    ResponseWriter.error(error, new io.duplex.internal.protocol.ErrorInfo(
        refused.code().name(), refused.getMessage(), null, null, null));
    return new String(error.array(), 1, error.size() - 2, java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * How the page with this script session id receives reverse calls now: its held connection's
   * mode, else this servlet's mode when it holds none ({@code polling}, {@code piggyback}), or
   * {@code none held} in a holding mode between two requests. For the debug page.
   */
  public String transportOf(String scriptSessionId) {
    HeldConnectionCounters.Mode mode = held.modeOf(scriptSessionId);
    if (mode != null) {
      return mode.label();
    }
    return switch (config.reverseAjax()) {
      case POLLING -> "polling";
      case PIGGYBACK -> "piggyback";
      default -> "none held";
    };
  }

  /**
   * Runs a short task on the reverse timers after a delay; nothing once the servlet is stopping
   * (held connections, sockets included, are being closed then).
   *
   * @param task what to run; it must not block
   * @param millis the delay
   * @return the scheduled task, or null when the timers have stopped
   */
  public java.util.concurrent.ScheduledFuture<?> later(Runnable task, long millis) {
    try {
      return executor.schedule(task, millis, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      return null;
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

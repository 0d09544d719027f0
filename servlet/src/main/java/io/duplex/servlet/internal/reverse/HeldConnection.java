package io.duplex.servlet.internal.reverse;

import io.duplex.internal.HeldConnectionCounters;
import io.duplex.internal.protocol.ErrorCode;
import io.duplex.internal.protocol.ProtocolException;
import io.duplex.internal.protocol.ResponseBuffer;
import io.duplex.internal.reverse.OutboundQueue;
import io.duplex.internal.reverse.ScriptSessionImpl;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code /reverse} request held open in async mode, written with non-blocking I/O. Nothing here
 * blocks: the queue's signal only queues the connection for a pump (coalesced), a pump thread
 * skips a connection whose lock another thread holds (that holder pumps it again before it lets
 * go, see the lock's comment), the pump writes only while the container says the connection is
 * ready, and a page that stops reading holds at
 * most the delivery in flight and the next one; the rest waits (or overflows) in its queue. Its
 * hold time and heartbeats are checked by the registry's periodic sweep, not by timers of its
 * own: a timer per connection costs memory per idle page and heap operations per push.
 * Subclasses decide what to write: a stream of lines or one long-poll answer.
 *
 * <p>Besides its own page ({@link #session}), a connection may carry other pages of the same
 * browser ({@link #join}): the tabs of one site share one held connection (protocol section 4.4,
 * {@code pages}). Each carried page keeps its own queue, seq and acks; its deliveries are tagged
 * with its session id. It counts once against maxHeldPerHttpSession: only its own page took a slot.
 */
abstract class HeldConnection implements WriteListener, AsyncListener {
  private static final Logger LOG = LoggerFactory.getLogger(HeldConnection.class);
  /** Beyond the hold, how long the container waits before it gives up on a stuck response. */
  private static final long CONTAINER_TIMEOUT_MARGIN_MILLIS = 60_000;

  protected final ScriptSessionImpl session;
  protected final OutboundQueue queue;
  private final ScheduledExecutorService executor;
  private final HeldConnections registry;
  private final Pumps pumps;
  private final long holdMillis;
  private final HeldConnectionCounters counts;
  /** What this connection counts as while held; set under the lock when it starts, read by the debug page. */
  private volatile HeldConnectionCounters.Mode mode;
  /** The page's number for this request; 0 when it sent none. */
  private final long conn;

  /**
   * Whether this connection waits in the pumps' queue. A field of its own, not an AtomicBoolean:
   * a broadcast touches every page's connection, and one object less is one cache miss less each.
   */
  private volatile boolean pumpScheduled;
  private static final java.lang.invoke.VarHandle PUMP_SCHEDULED = field("pumpScheduled", boolean.class);
  /**
   * Guards the buffer, the sink and the pages below. A pump thread never waits for it: a container
   * thread can hold it for a while (starting a poll runs its first pump under it: write, flush,
   * complete), and a pump thread waiting there would write no other page meanwhile. A pump that
   * finds it held sets {@link #pumpAgain} and moves on; whoever holds it pumps again before it
   * lets go ({@link #unlock}), so the news is written as soon as the lock is free.
   */
  private final ReentrantLock lock = new ReentrantLock();
  /** A pump skipped this connection while its lock was held: the holder pumps before it lets go. */
  private volatile boolean pumpAgain;
  /**
   * The timers (the sweep, a long poll's wait) never wait for the lock either: what they found it
   * held for is left here, and the holder runs it before it lets go, as it pumps for a pump.
   */
  private volatile boolean sweepAgain;
  private volatile Consumer<ResponseBuffer> timerTasks;
  private static final java.lang.invoke.VarHandle TIMER_TASKS = field("timerTasks", Consumer.class);

  /** A handle on one of this class's volatile fields, for compare-and-set without an atomic object. */
  private static java.lang.invoke.VarHandle field(String name, Class<?> type) {
    try {
      return java.lang.invoke.MethodHandles.lookup().findVarHandle(HeldConnection.class, name, type);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
  /** Whether this connection gave its page's slot back to the registry (exactly once). */
  private final AtomicBoolean slotReturned = new AtomicBoolean();
  /**
   * What a held connection's buffer starts at: an open line or a heartbeat fits, a delivery grows
   * it. Thousands of idle pages each hold one, so it starts small.
   */
  private static final int IDLE_BUFFER_BYTES = 64;
  /** The response buffer held requests ask the container for (see {@code prepare}). */
  static final int RESPONSE_BUFFER_BYTES = 1024;
  /** Once written out, a buffer grown beyond this by a large delivery is let go, not kept idle. */
  private static final int KEPT_BUFFER_BYTES = 4096;

  // Guarded by this.
  private ResponseBuffer pending = new ResponseBuffer(IDLE_BUFFER_BYTES);
  private int handedOver;
  private boolean needsFlush;
  private boolean closing;
  private boolean finished;
  private Sink out;
  /** Other tabs' pages this connection carries, by session id (guarded by lock). */
  private final Map<String, Carried> others = new LinkedHashMap<>(4);
  /**
   * What each carried page must be told besides its deliveries, as the members after its
   * {@code "s"} (e.g. {@code "close":"ended"}), written by the subclass (guarded by lock).
   */
  protected final List<String[]> notices = new ArrayList<>(0);
  /** Call frames running on this socket (guarded by lock). */
  private int busy;
  /** An end that waits for them (guarded by lock). */
  private Reason endWhenIdle;
  private final java.util.concurrent.CompletableFuture<Void> gone = new java.util.concurrent.CompletableFuture<>();
  private AsyncContext async;
  /** Why the response is ending; null until it is (or when the connection was lost). */
  private Reason endReason;
  /**
   * When the hold ends, on {@link System#nanoTime()}'s clock (meaningful while {@link #holding});
   * both read by the sweep without the lock.
   */
  private volatile long holdUntilNanos;
  private volatile boolean holding;
  /** Highest seq written to this response: what it delivers next comes after it. */
  protected long written;

  HeldConnection(ScriptSessionImpl session, long ack, long conn, Holding holding) {
    this.session = session;
    this.conn = conn;
    this.queue = session.queue();
    this.written = ack;
    this.registry = holding.registry();
    this.pumps = holding.pumps();
    this.executor = holding.executor();
    this.holdMillis = holding.holdMillis();
    this.counts = holding.counts();
  }

  /** The mode it is counted in once started, else null. */
  final HeldConnectionCounters.Mode mode() {
    return mode;
  }

  /** Counted from now until {@link #finish}: called under the lock, before the connection can finish. */
  private void count(HeldConnectionCounters.Mode as) {
    mode = as;
    counts.held(as);
  }

  /** Sets status and headers; nothing is written yet. */
  protected abstract void prepare(HttpServletResponse response);

  /** Appends what should be written now (under the lock); may call {@link #endWith}. */
  protected abstract void produce(ResponseBuffer out) throws IOException;

  /** Appends the last bytes for this reason (under the lock). */
  protected abstract void closing(ResponseBuffer out, Reason reason) throws IOException;

  /** Stops this connection's own timers (under the lock). */
  protected void stopTimers() {}

  /**
   * Whether the sweep at {@code now} has work for {@link #onSweep}; called without the lock, so it
   * reads only what is safe to read racily (a stale answer costs one lock or one sweep period).
   */
  protected boolean wantsSweep(long now) {
    return false;
  }

  /** The sweep's work at {@code now} (under the lock): e.g. a heartbeat. */
  protected void onSweep(long now, ResponseBuffer out) {}

  enum Reason {
    /** maxHoldMillis passed. */
    HOLD,
    /** A newer reverse request of the session took over. */
    REPLACED,
    /** The script session ended. */
    ENDED,
    /** The servlet is being destroyed. */
    SHUTDOWN,
    /** A long poll has what it waited for. */
    DELIVER
  }

  final void start(HttpServletRequest request, HttpServletResponse response) throws IOException {
    // Refused before the request goes async: nothing would sweep it after the servlet stopped.
    if (registry.isClosed()) {
      throw new ProtocolException(ErrorCode.UNAVAILABLE, "The server is stopping; retry later");
    }
    prepare(response);
    lock();
    try {
      holdUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(holdMillis);
      holding = true;
      async = request.startAsync(request, response);
      async.setTimeout(holdMillis + CONTAINER_TIMEOUT_MARGIN_MILLIS);
      async.addListener(this);
      session.setHeld(true);
      count(this instanceof StreamConnection ? HeldConnectionCounters.Mode.STREAMING : HeldConnectionCounters.Mode.LONG_POLL);
      started(pending);
    } finally {
      unlock();
    }
    takeOver();
    ServletOutputStream stream = response.getOutputStream();
    lock();
    try {
      out = new ResponseSink(async, stream);
    } finally {
      unlock();
    }
    // The container calls onWritePossible once the stream can take the first bytes.
    stream.setWriteListener(this);
    checkStillWanted();
  }

  /**
   * Starts this connection on a sink that is ready at once and is not held for a limited time: a
   * WebSocket, which stays open until the page, its session or the server ends it.
   */
  final void start(Sink sink) {
    if (registry.isClosed()) {
      throw new ProtocolException(ErrorCode.UNAVAILABLE, "The server is stopping; retry later");
    }
    lock();
    try {
      session.setHeld(true);
      count(HeldConnectionCounters.Mode.WEBSOCKET);
      started(pending);
    } finally {
      unlock();
    }
    takeOver();
    lock();
    try {
      out = sink;
      drain();
    } finally {
      unlock();
    }
    checkStillWanted();
  }

  /**
   * Appends {@code task}'s bytes (under the lock) after what is pending and writes them as the sink
   * allows; false when the connection is ending and took nothing.
   */
  final boolean append(Consumer<ResponseBuffer> task) {
    lock();
    try {
      if (closing || finished) {
        return false;
      }
      task.accept(pending);
      drain();
      return true;
    } finally {
      unlock();
    }
  }

  /** A call frame of this socket is running: an ended session waits for its results. */
  final void busy() {
    lock();
    try {
      busy++;
    } finally {
      unlock();
    }
  }

  /** A call frame's results were appended (or it was refused). */
  final void idle() {
    lock();
    try {
      busy--;
      if (busy == 0 && endWhenIdle != null) {
        Reason reason = endWhenIdle;
        endWhenIdle = null;
        endWith(reason);
        drain();
      }
    } finally {
      unlock();
    }
  }

  /** Bytes appended and not yet handed to the sink: what a page that is not reading holds here. */
  final int backlog() {
    lock();
    try {
      return pending.size() - handedOver;
    } finally {
      unlock();
    }
  }

  /** The page's connection went away (a WebSocket closed): ends this one without writing more. */
  final void lost() {
    finish();
    gone.complete(null);
  }

  /** Completes once the connection is gone: its response completed, or its WebSocket closed. */
  final java.util.concurrent.CompletableFuture<Void> gone() {
    return gone;
  }

  private void takeOver() {
    HeldConnection replaced = registry.hold(session, this);
    if (replaced != null) {
      replaced.drop(session);
    }
  }

  /**
   * Carries {@code page} (another tab's, already checked) from now on, delivering what follows
   * {@code ack}; a page carried already starts again from {@code ack}. It leaves the connection
   * that carried it before. False when this connection is ending.
   */
  final boolean join(ScriptSessionImpl page, long ack) {
    if (page == session) {
      return true;
    }
    lock();
    try {
      if (closing || finished) {
        return false;
      }
      if (others.put(page.id(), new Carried(page, ack)) == null) {
        page.setHeld(true);
      }
    } finally {
      unlock();
    }
    HeldConnection loser = registry.hold(page, this);
    if (loser != null) {
      loser.drop(page);
    }
    lock();
    try {
      if (finished || others.get(page.id()) == null) {
        // Ended (or left) between the two steps: finish() did not see this page in the registry.
        registry.release(page, this);
        return false;
      }
    } finally {
      unlock();
    }
    signal();
    return true;
  }

  /** Stops carrying the page with this id (its tab closed or took it elsewhere); false if not carried. */
  final boolean leave(String id) {
    Carried gone;
    lock();
    try {
      gone = others.remove(id);
      if (gone == null) {
        return false;
      }
      registry.release(gone.session, this);
    } finally {
      unlock();
    }
    gone.session.setHeld(false);
    return true;
  }

  /** Writes {@code members} after {@code "s"} to the carried page {@code id} (e.g. a refusal). */
  final void notice(String id, String members) {
    lock();
    try {
      notices.add(new String[] {id, members});
      signal();
    } finally {
      unlock();
    }
  }

  /** {@code page} is now carried by another connection: its own page ends this one (replaced). */
  private void drop(ScriptSessionImpl page) {
    if (page == session) {
      closeWith(Reason.REPLACED);
    } else {
      leave(page.id());
    }
  }

  /** How many pages this connection carries for other tabs. */
  final int carriedCount() {
    lock();
    try {
      return others.size();
    } finally {
      unlock();
    }
  }

  /** Whether {@code id} is this connection's own page (not one it carries for another tab). */
  final boolean isOwnPage(String id) {
    return session.id().equals(id);
  }

  /** The carried pages (under the lock). */
  protected final Collection<Carried> others() {
    return others.values();
  }

  /** Whether a carried page has something to be written (under the lock). */
  protected final boolean othersPending() {
    if (!notices.isEmpty()) {
      return true;
    }
    for (Carried page : others.values()) {
      if (page.queue.hasPendingAfter(page.written)) {
        return true;
      }
    }
    return false;
  }

  private void checkStillWanted() {
    // A session that ended between setHeld and hold() signalled nobody: answer now, not at maxHold.
    if (!session.isValid()) {
      closeWith(Reason.ENDED);
    } else if (registry.isClosed()) {
      // close() ran between the check above and hold(): it did not see this connection.
      closeWith(Reason.SHUTDOWN);
    }
  }

  /**
   * The registry's periodic sweep: ends the hold when it is due, else the subclass's work. Never
   * waits for the lock: when it is held, its holder sweeps this connection before it lets go.
   */
  final void sweep(long now) {
    if (!sweepDue(now)) {
      return;
    }
    // Set before trying: a holder that lets go after this failed tryLock is sure to see it.
    sweepAgain = true;
    if (lock.tryLock()) {
      try {
        runHandedOver();
      } finally {
        unlock();
      }
    }
  }

  private boolean sweepDue(long now) {
    // nanoTime values are compared by difference only: they may be negative and wrap.
    return (holding && now - holdUntilNanos >= 0) || wantsSweep(now);
  }

  /** The sweep's work, under the lock. */
  private void sweepLocked(long now) {
    if (holding && now - holdUntilNanos >= 0) {
      endWith(Reason.HOLD);
      drain();
    } else if (wantsSweep(now) && !closing && !finished) {
      onSweep(now, pending);
      drain();
    }
  }

  /** Runs (under the lock) what a pump, the sweep or a timer left for the holder. */
  private void runHandedOver() {
    if (pumpAgain) {
      pumpAgain = false;
      drain();
    }
    if (sweepAgain) {
      sweepAgain = false;
      sweepLocked(System.nanoTime());
    }
    // Read first: every delivery passes here, and an atomic swap is a locked instruction (and a
    // reference store) even when there is nothing to take.
    if (timerTasks != null) {
      @SuppressWarnings("unchecked")
      Consumer<ResponseBuffer> tasks = (Consumer<ResponseBuffer>) TIMER_TASKS.getAndSet(this, null);
      if (tasks != null) {
        tasks.accept(pending);
      }
    }
  }

  private boolean handedOver() {
    return pumpAgain || sweepAgain || timerTasks != null;
  }

  /**
   * Whether the page numbered this request at or below {@code held}: it is a late or repeated copy
   * of a request the page has since replaced. Unnumbered requests are never older.
   */
  final boolean isOlderThan(HeldConnection held) {
    // Numbers are one page's: a connection opened by another tab is never a late copy.
    return conn > 0 && held.conn > 0 && session == held.session && conn <= held.conn;
  }

  /** Appends what a fresh connection writes first (under the lock). */
  protected void started(ResponseBuffer out) {}

  /** The queue has news (an entry, or the session ended): pump soon, on a pump thread. */
  final void signal() {
    if (!pumpScheduled && PUMP_SCHEDULED.compareAndSet(this, false, true)) {
      pumps.submit(this);
    }
  }

  /** Run by {@link Pumps} for a {@link #signal}. */
  final void pumpQueued() {
    // Cleared first: news arriving during this pump queues the connection again.
    pumpScheduled = false;
    pumpNow();
  }

  /**
   * Writes what is due on this thread if the lock is free; else leaves it to the holder, which
   * pumps again before it lets go. Never waits for the lock.
   */
  final void pumpNow() {
    // Set before trying: a holder that lets go after this failed tryLock is sure to see it.
    pumpAgain = true;
    if (lock.tryLock()) {
      try {
        runHandedOver();
      } finally {
        unlock();
      }
    }
  }

  /** Takes the lock, waiting for it: never on a pump or timer thread (see {@link #pumpQueued}). */
  private void lock() {
    lock.lock();
  }

  /**
   * Lets go of the lock; the outermost holder first does what a pump, the sweep or a timer found
   * the lock held for meanwhile, and checks again after letting go, so nothing is left undone.
   */
  private void unlock() {
    if (lock.getHoldCount() > 1) {
      lock.unlock();
      return;
    }
    try {
      runHandedOver();
    } finally {
      lock.unlock();
    }
    // A pump or timer that failed its tryLock just before the unlock above left its work for us.
    while (handedOver() && lock.tryLock()) {
      try {
        runHandedOver();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Ends the response with this reason's last bytes, after what is already pending. */
  final void closeWith(Reason reason) {
    lock();
    try {
      endWith(reason);
      drain();
    } finally {
      unlock();
    }
  }

  /**
   * Appends this reason's last bytes and marks the response as ending (under the lock); the
   * response completes once they are written.
   */
  protected final void endWith(Reason reason) {
    if (closing || finished) {
      return;
    }
    if (reason == Reason.ENDED && busy > 0) {
      // A call on this socket ended the session (e.g. a logout): its results go out first.
      endWhenIdle = reason;
      return;
    }
    try {
      closing(pending, reason);
    } catch (IOException | RuntimeException e) {
      LOG.debug("Could not write the end of a reverse response", e);
    }
    endReason = reason;
    closing = true;
    stopAllTimers();
  }

  @Override
  public final void onWritePossible() {
    pump();
  }

  /**
   * Schedules {@code task} on the shared executor; it runs under this connection's lock with the
   * buffer to append to, unless the connection is closing by then. The timer thread does not wait
   * for the lock: when it is held, its holder runs the task before it lets go.
   */
  protected final ScheduledFuture<?> later(Consumer<ResponseBuffer> task, long millis) {
    if (executor.isShutdown()) {
      return null;
    }
    Consumer<ResponseBuffer> guarded = buffer -> {
      if (!closing && !finished) {
        task.accept(buffer);
        drain();
      }
    };
    return executor.schedule(() -> runOrHandOver(guarded), millis, TimeUnit.MILLISECONDS);
  }

  private void runOrHandOver(Consumer<ResponseBuffer> task) {
    // Left first, tried after: a holder that lets go after a failed tryLock is sure to see it.
    Consumer<ResponseBuffer> before;
    do {
      before = timerTasks;
    } while (!TIMER_TASKS.compareAndSet(this, before, before == null ? task : before.andThen(task)));
    if (lock.tryLock()) {
      try {
        runHandedOver();
      } finally {
        unlock();
      }
    }
  }

  /** Whether everything appended so far has been handed to the container. */
  protected final boolean caughtUp() {
    return handedOver == pending.size();
  }

  private void pump() {
    lock();
    try {
      drain();
    } finally {
      unlock();
    }
  }

  /**
   * Writes while the container is ready. Takes more from the queue only once everything before
   * is written and flushed: a page that stops reading leaves its calls in the queue, where they
   * are bounded, not in this buffer. Completes the response once its last byte is out.
   */
  private void drain() {
    if (finished || out == null) {
      return;
    }
    try {
      while (out.isReady()) {
        if (handedOver < pending.size()) {
          int from = handedOver;
          handedOver = pending.size();
          needsFlush = true;
          out.write(pending.array(), from, handedOver - from);
        } else if (needsFlush) {
          needsFlush = false;
          out.flush();
        } else {
          // Everything written and flushed: the buffer can be reused from the start.
          if (pending.array().length > KEPT_BUFFER_BYTES) {
            pending = new ResponseBuffer(IDLE_BUFFER_BYTES);
          } else {
            pending.truncate(0);
          }
          handedOver = 0;
          if (closing) {
            finish();
            return;
          }
          if (!produceNext()) {
            return;
          }
        }
      }
    } catch (IOException | IllegalStateException e) {
      LOG.debug("Reverse connection lost", e);
      finish();
    }
  }

  /** Appends what is due now; false if there is nothing to write. */
  private boolean produceNext() throws IOException {
    if (!session.isValid()) {
      endWith(Reason.ENDED);
    } else {
      dropEnded();
      produce(pending);
    }
    return pending.size() > 0 || closing;
  }

  /** Carried pages whose sessions ended leave, each with an ended notice (under the lock). */
  private void dropEnded() {
    if (others.isEmpty()) {
      return;
    }
    for (var it = others.values().iterator(); it.hasNext(); ) {
      Carried page = it.next();
      if (!page.session.isValid()) {
        it.remove();
        registry.release(page.session, this);
        page.session.setHeld(false);
        notices.add(new String[] {page.session.id(), "\"close\":\"ended\""});
      }
    }
  }

  private void stopAllTimers() {
    holding = false;
    stopTimers();
  }

  private void finish() {
    lock();
    try {
      if (finished) {
        return;
      }
      finished = true;
      if (mode != null) {
        counts.released(mode);
      }
      stopAllTimers();
      registry.release(session, this);
      returnSlot();
      session.setHeld(false);
      for (Carried page : others.values()) {
        registry.release(page.session, this);
        page.session.setHeld(false);
      }
      others.clear();
      if (out != null) {
        out.complete(endReason);
      } else if (async != null) {
        ResponseSink.complete(async);
      }
      gone.complete(null);
    } finally {
      unlock();
    }
  }

  /** Gives back the slot {@link HeldConnections#admit} took for this connection; idempotent. */
  final void returnSlot() {
    if (slotReturned.compareAndSet(false, true)) {
      registry.leave(session);
    }
  }

  @Override
  public final void onError(Throwable failure) {
    LOG.debug("Reverse connection failed", failure);
    finish();
  }

  @Override
  public final void onComplete(AsyncEvent event) {
    finish();
  }

  @Override
  public final void onTimeout(AsyncEvent event) {
    finish();
  }

  @Override
  public final void onError(AsyncEvent event) {
    finish();
  }

  @Override
  public final void onStartAsync(AsyncEvent event) {}
}

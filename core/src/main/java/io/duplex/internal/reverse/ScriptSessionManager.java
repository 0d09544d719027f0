package io.duplex.internal.reverse;

import com.google.gson.TypeAdapterFactory;
import io.duplex.Browser;
import io.duplex.DuplexConfig;
import io.duplex.ScriptSessionListener;
import io.duplex.internal.convert.JsonConverter;
import io.duplex.internal.protocol.ErrorCode;
import io.duplex.internal.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open pages of one Duplex: creates, finds and ends script sessions, keeps them indexed for
 * targeting, ends idle ones, and is where reverse calls start ({@link #browser()}). The transport
 * creates sessions on handshake, finds them per request, and reads their {@link OutboundQueue}s.
 */
public final class ScriptSessionManager implements AutoCloseable {
  private final DuplexConfig config;
  private final SessionIndex index = new SessionIndex();
  private final SessionListeners listeners = new SessionListeners();
  private final SessionIds ids = new SessionIds();
  private final ReversePayloads payloads;
  private final AllPages browser = new AllPages(this);
  /** Interfaces the application made page proxies of (for the debug-only typings); few, app-chosen. */
  private final java.util.Set<Class<?>> pageTypes = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final IdleSweeper sweeper;
  /** Open sessions, counted apart from the index so that the cap is exact under concurrency. */
  private final AtomicInteger open = new AtomicInteger();
  private volatile JsonConverter converter;
  private volatile BackplaneLink backplane;
  private volatile boolean closed;
  private final PushCounters pushCounters = new PushCounters();
  private static final io.duplex.PushInterceptor[] NO_INTERCEPTORS = {};
  private volatile io.duplex.PushInterceptor[] pushInterceptors = NO_INTERCEPTORS;
  private final Topics topics;
  /** Ask ids: one per ask, shared by the pages it goes to, so its entry is encoded once. */
  private final java.util.concurrent.atomic.AtomicLong askIds = new java.util.concurrent.atomic.AtomicLong();

  /** Starts one daemon thread that ends idle sessions; {@link #close()} stops it. */
  public ScriptSessionManager(DuplexConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.payloads = new ReversePayloads(this::converter, config.maxQueuedBytes());
    this.topics = new Topics(this, config);
    this.sweeper = new IdleSweeper(index, config.scriptSessionTimeoutMillis(), config.firstContactTimeoutMillis());
  }

  /**
   * Gson adapters for reverse types: reads {@code {"$fn":"f7"}} into a {@code JsFunction} of the
   * page whose call is being served.
   */
  public TypeAdapterFactory converterExtension() {
    return new JsFunctionAdapterFactory(this);
  }

  /** The converter reverse-call arguments are written with; set once, right after construction. */
  public void useConverter(JsonConverter converter) {
    this.converter = Objects.requireNonNull(converter, "converter");
  }

  /** Runs these around every push made on this node, first outermost; set once, at construction. */
  public void usePushInterceptors(java.util.List<io.duplex.PushInterceptor> interceptors) {
    this.pushInterceptors = interceptors.toArray(NO_INTERCEPTORS);
  }

  io.duplex.PushInterceptor[] pushInterceptors() {
    return pushInterceptors;
  }

  /**
   * The outbound queues of every open page, summed: a pass over the open pages, each queue's lock
   * taken briefly. For monitoring at scrape intervals, not per request.
   */
  public io.duplex.QueueTotals queueTotals() {
    int pages = 0;
    long entries = 0;
    long bytes = 0;
    int maxDepth = 0;
    int behind = 0;
    for (ScriptSessionImpl session : index.all()) {
      io.duplex.QueueStats stats = session.queue().stats();
      pages++;
      entries += stats.depth();
      bytes += stats.bytes();
      maxDepth = Math.max(maxDepth, stats.depth());
      if (stats.behind()) {
        behind++;
      }
    }
    return new io.duplex.QueueTotals(pages, entries, bytes, maxDepth, behind);
  }

  /**
   * Connects to the {@code backplane} setting's backplane, if any; called once, after {@link
   * #useConverter}.
   *
   * @throws IllegalStateException when its module is missing (the message names it) or it cannot
   *     be reached
   */
  public void startBackplane() {
    if (!config.backplane().isEmpty()) {
      backplane = BackplaneLink.open(this, config);
    }
  }

  /**
   * The live nodes by id with their open pages: with a backplane as of each node's last heartbeat,
   * without one this node alone as {@code "local"}.
   */
  public java.util.Map<String, Integer> nodes() {
    BackplaneLink link = backplane;
    return link == null ? java.util.Map.of("local", openCount()) : link.nodes();
  }

  BackplaneLink backplane() {
    return backplane;
  }

  /** A page as sent in the handshake, normalised as protocol section 2 says. */
  public String normalisePage(String rawPage) {
    return PageNormaliser.normalise(rawPage, config.pageIncludesQuery());
  }

  /**
   * Opens a script session for a page.
   *
   * @param ownerKey secret key of the owning HTTP session (never shown to pages or logs)
   * @param httpSessionId the HTTP session's id, for targeting
   * @param user the authenticated user's name, or null
   * @throws ProtocolException {@code SERVER_BUSY} when {@code maxScriptSessions} are open
   */
  public ScriptSessionImpl create(String rawPage, String ownerKey, String httpSessionId, String user) {
    Objects.requireNonNull(ownerKey, "ownerKey");
    checkOpen();
    int count;
    do {
      count = open.get();
      if (count >= config.maxScriptSessions()) {
        throw busy();
      }
    } while (!open.compareAndSet(count, count + 1));
    OutboundQueue queue = new OutboundQueue(config.maxQueuedCalls(), config.maxQueuedBytes(), pushCounters);
    ScriptSessionImpl session =
        new ScriptSessionImpl(this, ids.next(), normalisePage(rawPage), ownerKey, httpSessionId, user, queue);
    index.add(session);
    if (closed) {
      // close() may have swept the index before this session was in it.
      session.invalidate();
      checkOpen();
    }
    listeners.created(session);
    limitPagesOf(ownerKey, session);
    return session;
  }

  /** Whether a handshake now would be refused with {@code SERVER_BUSY}: checked before any work. */
  public boolean isFull() {
    return open.get() >= config.maxScriptSessions();
  }

  /** The refusal of a handshake beyond {@code maxScriptSessions}. */
  public static ProtocolException busy() {
    return new ProtocolException(ErrorCode.SERVER_BUSY, "Too many open pages; try again later");
  }

  /** Topic subscriptions and the topics Java publishes to. */
  public Topics topics() {
    return topics;
  }

  /** Pushes, pages reached, drops and resyncs of every page so far. */
  public PushCounters pushCounters() {
    return pushCounters;
  }

  /** How many script sessions are open now. */
  public int openCount() {
    return open.get();
  }

  /** Whether the HTTP session with this owner key has any open page. */
  public boolean hasPages(String ownerKey) {
    return !index.matching(SessionKey.OWNER, ownerKey).isEmpty();
  }

  /**
   * Beyond {@code maxPagesPerHttpSession} pages in one HTTP session, ends its least recently active
   * pages (those without a held request first; never {@code keep}, the page just opened). Costs
   * O(pages of that HTTP session), which the cap bounds.
   */
  private void limitPagesOf(String ownerKey, ScriptSessionImpl keep) {
    Collection<ScriptSessionImpl> pages = index.matching(SessionKey.OWNER, ownerKey);
    while (pages.size() > config.maxPagesPerHttpSession()) {
      ScriptSessionImpl oldest = null;
      for (ScriptSessionImpl page : pages) {
        if (page != keep && (oldest == null || lessActive(page, oldest))) {
          oldest = page;
        }
      }
      if (oldest == null) {
        return;
      }
      oldest.invalidate();
    }
  }

  private static boolean lessActive(ScriptSessionImpl a, ScriptSessionImpl b) {
    if (a.isHeld() != b.isHeld()) {
      return !a.isHeld();
    }
    return a.lastSeenNanos() - b.lastSeenNanos() < 0;
  }

  /** The open session with this id, or null if there is none (never was, or ended). */
  public ScriptSessionImpl find(String id) {
    ScriptSessionImpl session = index.get(id);
    return session != null && session.isValid() ? session : null;
  }

  /** The HTTP session ended: so does every page it opened. */
  public void endOwner(String ownerKey) {
    if (ownerKey != null) {
      for (ScriptSessionImpl session : new ArrayList<>(index.matching(SessionKey.OWNER, ownerKey))) {
        session.invalidate();
      }
    }
  }

  /**
   * The HTTP session owning these pages got a new id ({@code changeSessionId}, the usual login
   * step): target them by the new id from now on.
   *
   * @param ownerKey the secret key of the HTTP session's Duplex state
   * @param newHttpSessionId its new id
   */
  public void httpSessionIdChanged(String ownerKey, String newHttpSessionId) {
    if (ownerKey != null) {
      for (ScriptSessionImpl session : new ArrayList<>(index.matching(SessionKey.OWNER, ownerKey))) {
        // The user is read under the lock: a concurrent follow() of a login must not be undone.
        synchronized (session.identityLock()) {
          moved(session, newHttpSessionId, session.user());
        }
      }
    }
  }

  /** Every open page: where reverse calls start. */
  public Browser browser() {
    return browser;
  }

  void proxied(Class<?> type) {
    pageTypes.add(type);
  }

  /** Every interface {@code proxy(type)} was called with so far. */
  public java.util.Set<Class<?>> pageTypes() {
    return java.util.Collections.unmodifiableSet(pageTypes);
  }

  public void addListener(ScriptSessionListener listener) {
    listeners.add(listener);
  }

  public void removeListener(ScriptSessionListener listener) {
    listeners.remove(listener);
  }

  /** Ends every page and stops the idle sweeper. Later {@link #create} calls fail. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    BackplaneLink link = backplane;
    if (link != null) {
      link.close();
    }
    sweeper.close();
    for (ScriptSessionImpl session : new ArrayList<>(index.all())) {
      session.invalidate();
    }
  }

  /** Called once per session by {@link ScriptSessionImpl#invalidate()}, after it turned invalid. */
  void ended(ScriptSessionImpl session) {
    // Locked with moved(): a page re-indexed while it ends must not stay in an index set.
    synchronized (session.identityLock()) {
      index.remove(session);
      session.setTopics(java.util.Set.of());
    }
    open.decrementAndGet();
    session.queue().end();
    session.endAnswers();
    listeners.destroyed(session);
  }

  /**
   * Re-indexes {@code session} under its new HTTP session id and user. It joins the new index sets
   * before leaving the old ones, so a concurrent push finds it under one value or the other.
   */
  void moved(ScriptSessionImpl session, String newHttpSessionId, String newUser) {
    synchronized (session.identityLock()) {
      if (!session.isValid()) {
        return;
      }
      String oldHttpSessionId = session.httpSessionId();
      String oldUser = session.user();
      index.join(session, SessionKey.HTTP_SESSION, newHttpSessionId);
      index.join(session, SessionKey.USER, newUser);
      session.setIdentity(newHttpSessionId, newUser);
      if (!Objects.equals(oldHttpSessionId, newHttpSessionId)) {
        index.leave(session, SessionKey.HTTP_SESSION, oldHttpSessionId);
      }
      if (!Objects.equals(oldUser, newUser)) {
        index.leave(session, SessionKey.USER, oldUser);
      }
    }
  }

  DuplexConfig config() {
    return config;
  }

  long nextAskId() {
    return askIds.incrementAndGet();
  }

  SessionIndex index() {
    return index;
  }

  ReversePayloads payloads() {
    return payloads;
  }

  JsonConverter converter() {
    JsonConverter current = converter;
    if (current == null) {
      throw new IllegalStateException("ScriptSessionManager.useConverter(...) was not called");
    }
    return current;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("This Duplex is closed: no new script sessions");
    }
  }
}

package io.duplex.internal.reverse;

import io.duplex.QueueStats;
import io.duplex.ScriptSession;
import io.duplex.Targets;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** One open page, as the manager keeps it. Thread-safe. */
public final class ScriptSessionImpl implements ScriptSession {
  private final ScriptSessionManager manager;
  private final String id;
  private final String page;
  private final String ownerKey;
  // Both follow the page's latest request (login, changeSessionId); the index moves with them.
  private volatile String httpSessionId;
  private volatile String user;
  private final Instant createdAt;
  private final OutboundQueue queue;
  /**
   * This page's asks waiting for answers, made by the first ask: most pages are never asked, and
   * an empty one holds a map, a counter and a converter reference (about 150 bytes) per page.
   */
  private volatile PendingAnswers answers;
  private static final java.util.concurrent.atomic.AtomicReferenceFieldUpdater<ScriptSessionImpl, PendingAnswers>
      ANSWERS = java.util.concurrent.atomic.AtomicReferenceFieldUpdater.newUpdater(
          ScriptSessionImpl.class, PendingAnswers.class, "answers");
  private final ConcurrentHashMap<String, Object> attributes = new ConcurrentHashMap<>();
  private final AtomicBoolean valid = new AtomicBoolean(true);
  private final Object identityLock = new Object();
  private final AtomicInteger held = new AtomicInteger();
  // Idle time is measured on the monotonic clock; the wall clock is only for lastSeenAt().
  private volatile long lastSeenNanos;
  private volatile long lastSeenMillis;
  /**
   * The topics this page subscribed to: copied on write under the identity lock (subscriptions are
   * rare), read without a lock by every publish that checks the page.
   */
  private volatile Set<String> topics = Set.of();
  /** Whether the page came back after its handshake (a call, poll, stream or ack). */
  private volatile boolean contacted;

  ScriptSessionImpl(
      ScriptSessionManager manager,
      String id,
      String page,
      String ownerKey,
      String httpSessionId,
      String user,
      OutboundQueue queue) {
    this.manager = manager;
    this.id = id;
    this.page = page;
    this.ownerKey = ownerKey;
    this.httpSessionId = httpSessionId;
    this.user = user;
    this.queue = queue;
    this.createdAt = Instant.ofEpochMilli(System.currentTimeMillis());
    this.lastSeenMillis = createdAt.toEpochMilli();
    this.lastSeenNanos = System.nanoTime();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String page() {
    return page;
  }

  @Override
  public Instant createdAt() {
    return createdAt;
  }

  @Override
  public Instant lastSeenAt() {
    return Instant.ofEpochMilli(lastSeenMillis);
  }

  @Override
  public String httpSessionId() {
    return httpSessionId;
  }

  @Override
  public String user() {
    return user;
  }

  /** The secret key of the HTTP session that owns this page; the transport compares it. */
  public String ownerKey() {
    return ownerKey;
  }

  @Override
  public Object getAttribute(String name) {
    return attributes.get(Objects.requireNonNull(name, "name"));
  }

  @Override
  public void setAttribute(String name, Object value) {
    Objects.requireNonNull(name, "name");
    if (value == null) {
      attributes.remove(name);
    } else {
      attributes.put(name, value);
    }
  }

  @Override
  public Object removeAttribute(String name) {
    return attributes.remove(Objects.requireNonNull(name, "name"));
  }

  @Override
  public boolean isValid() {
    return valid.get();
  }

  @Override
  public void invalidate() {
    if (valid.compareAndSet(true, false)) {
      manager.ended(this);
    }
  }

  @Override
  public QueueStats queueStats() {
    return queue.stats();
  }

  @Override
  public Targets target() {
    return manager.browser().session(id);
  }

  /**
   * A checked request of this page arrived with this HTTP session id and user: a login since the
   * handshake (new user, new session id) re-indexes the page so targeting finds it by its new
   * values. Cheap when nothing changed.
   *
   * @param currentHttpSessionId the request's HTTP session id
   * @param currentUser the request's authenticated user, or null
   */
  public void follow(String currentHttpSessionId, String currentUser) {
    if (!Objects.equals(currentHttpSessionId, httpSessionId) || !Objects.equals(currentUser, user)) {
      manager.moved(this, currentHttpSessionId, currentUser);
    }
  }

  @Override
  public Set<String> topics() {
    return topics;
  }

  boolean subscribedTo(String topic) {
    return topics.contains(topic);
  }

  /** Only the manager calls this, holding the identity lock. */
  void setTopics(Set<String> now) {
    this.topics = Set.copyOf(now);
  }

  /** Held while the page is re-indexed or removed from the index. */
  Object identityLock() {
    return identityLock;
  }

  /** Only the manager calls this, while it re-indexes the page. */
  void setIdentity(String newHttpSessionId, String newUser) {
    this.httpSessionId = newHttpSessionId;
    this.user = newUser;
  }

  /** A request of this page arrived now. */
  public void touch() {
    contacted = true;
    lastSeenNanos = System.nanoTime();
    lastSeenMillis = System.currentTimeMillis();
  }

  /**
   * A reverse request of this page is held open (true) or completed (false). Each true must be
   * matched by one false; while any is held the page counts as seen and never idles out. A newer
   * request may be held before the one it replaces completes, hence a count, not a flag.
   */
  public void setHeld(boolean isHeld) {
    if (isHeld) {
      held.incrementAndGet();
    } else {
      held.getAndUpdate(n -> n > 0 ? n - 1 : 0);
    }
    touch();
  }

  /** Whether a reverse request of this page is held open now. */
  public boolean isHeld() {
    return held.get() > 0;
  }

  public OutboundQueue queue() {
    return queue;
  }

  /** This page's asks waiting for answers, made now if it was never asked. */
  PendingAnswers answers() {
    PendingAnswers made = answers;
    if (made != null) {
      return made;
    }
    made = new PendingAnswers(this, manager.config().maxPendingAnswers(), manager::converter);
    if (!ANSWERS.compareAndSet(this, null, made)) {
      return answers;
    }
    // Ended meanwhile: endAnswers() read the field before it was set, or after; either way it ends.
    if (!isValid()) {
      made.end();
    }
    return made;
  }

  /** @return this page's asks waiting for answers, or null when it was never asked */
  PendingAnswers answersIfAsked() {
    return answers;
  }

  /** The page ended (it is invalid already): its asks still waiting fail {@code PAGE_GONE}. */
  void endAnswers() {
    PendingAnswers asked = answers;
    if (asked != null) {
      asked.end();
    }
  }

  /**
   * Takes the answers a request of this page carried (protocol section 4.7); call it after the
   * request passed the session checks and before anything else of it runs.
   *
   * @throws io.duplex.internal.protocol.ProtocolException {@code ANSWER_UNKNOWN} when one names an
   *     ask this page was never sent; no answer was taken
   */
  public void answered(java.util.List<io.duplex.internal.protocol.Answer> received) {
    if (!received.isEmpty()) {
      // A page never asked that sends answers gets ANSWER_UNKNOWN from the (then made) empty one.
      answers().take(received);
    }
  }

  /**
   * Whether the sweep at {@code nowNanos} should end this page: unseen for {@code timeoutNanos},
   * or never back since its handshake for {@code firstContactNanos}.
   */
  boolean isIdle(long nowNanos, long timeoutNanos, long firstContactNanos) {
    if (held.get() > 0) {
      return false;
    }
    long unseen = nowNanos - lastSeenNanos;
    return unseen > timeoutNanos || (!contacted && unseen > firstContactNanos);
  }

  /** Whether the page has made a request since its handshake. */
  boolean contacted() {
    return contacted;
  }

  long lastSeenNanos() {
    return lastSeenNanos;
  }

  @Override
  public String toString() {
    return "ScriptSession[" + page + (user == null ? "" : ", user " + user) + (isValid() ? "" : ", ended") + "]";
  }
}

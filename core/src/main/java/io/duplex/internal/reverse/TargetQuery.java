package io.duplex.internal.reverse;

import io.duplex.PushInterceptor;
import io.duplex.PageAnswer;
import io.duplex.PageAnswerException;
import io.duplex.ScriptBuffer;
import io.duplex.ScriptSession;
import io.duplex.Targets;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An immutable query over the open pages: index constraints (page, session, HTTP session, user) and
 * predicates. It is evaluated on every use: the smallest index set among its constraints is walked
 * and the other constraints checked per member, so a call costs O(pages in that set).
 */
class TargetQuery implements Targets {
  private static final Logger LOG = LoggerFactory.getLogger(TargetQuery.class);
  private static final SessionKey[] NO_KEYS = {};
  private static final String[] NO_VALUES = {};
  private static final Predicate<?>[] NO_FILTERS = {};

  final ScriptSessionManager manager;
  private final SessionKey[] keys;
  private final String[] values;
  private final Predicate<? super ScriptSession>[] filters;
  /** Pushes go straight to this node's queues, never through the backplane. */
  private final boolean local;
  /** How long asks made through this query wait; 0: the answerTimeoutMillis setting. */
  private final long answerTimeoutMillis;

  TargetQuery(ScriptSessionManager manager) {
    this(manager, NO_KEYS, NO_VALUES, false);
  }

  @SuppressWarnings("unchecked")
  TargetQuery(ScriptSessionManager manager, SessionKey[] keys, String[] values, boolean local) {
    this(manager, keys, values, (Predicate<? super ScriptSession>[]) NO_FILTERS, local);
  }

  private TargetQuery(
      ScriptSessionManager manager,
      SessionKey[] keys,
      String[] values,
      Predicate<? super ScriptSession>[] filters,
      boolean local) {
    this(manager, keys, values, filters, local, 0);
  }

  private TargetQuery(
      ScriptSessionManager manager,
      SessionKey[] keys,
      String[] values,
      Predicate<? super ScriptSession>[] filters,
      boolean local,
      long answerTimeoutMillis) {
    this.manager = manager;
    this.keys = keys;
    this.values = values;
    this.filters = filters;
    this.local = local;
    this.answerTimeoutMillis = answerTimeoutMillis;
  }

  @Override
  public Targets page(String page) {
    return narrow(SessionKey.PAGE, manager.normalisePage(Objects.requireNonNull(page, "page")));
  }

  @Override
  public Targets session(String scriptSessionId) {
    return narrow(SessionKey.ID, Objects.requireNonNull(scriptSessionId, "scriptSessionId"));
  }

  @Override
  public Targets httpSession(String httpSessionId) {
    return narrow(SessionKey.HTTP_SESSION, Objects.requireNonNull(httpSessionId, "httpSessionId"));
  }

  @Override
  public Targets user(String name) {
    return narrow(SessionKey.USER, Objects.requireNonNull(name, "name"));
  }

  /** The pages subscribed to {@code topic} (not a {@link Targets} method: see {@code Topic}). */
  TargetQuery topic(String topic) {
    return narrow(SessionKey.TOPIC, topic);
  }

  @Override
  public Targets filter(Predicate<? super ScriptSession> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    Predicate<? super ScriptSession>[] more = Arrays.copyOf(filters, filters.length + 1);
    more[filters.length] = predicate;
    return new TargetQuery(manager, keys, values, more, local, answerTimeoutMillis);
  }

  @Override
  public Targets local() {
    return local ? this : new TargetQuery(manager, keys, values, filters, true, answerTimeoutMillis);
  }

  @Override
  public Collection<ScriptSession> sessions() {
    List<ScriptSession> matched = new ArrayList<>();
    forEachMatch(matched::add);
    return Collections.unmodifiableList(matched);
  }

  @Override
  public int count() {
    int[] count = {0};
    forEachMatch(session -> count[0]++);
    return count[0];
  }

  @Override
  public int call(String function, Object... args) {
    String prefix = ReversePayloads.functionPrefix(FunctionNames.requireValid(function));
    // call("f", null) passes a null array; the caller meant one null argument.
    Object[] arguments = args == null ? new Object[] {null} : args;
    PushInterceptor[] interceptors = manager.pushInterceptors();
    if (interceptors.length == 0) {
      // Nothing described or captured per push when no interceptor is registered.
      return enqueue(function, manager.payloads().call(prefix, arguments, null));
    }
    return InterceptedPush.run(
        interceptors,
        this,
        InterceptedPush.one(function, arguments),
        () -> enqueue(function, manager.payloads().call(prefix, arguments, null)));
  }

  @Override
  public int send(ScriptBuffer script) {
    List<ScriptBuffer.Call> calls = script.calls();
    for (ScriptBuffer.Call call : calls) {
      FunctionNames.requireValid(call.function());
    }
    if (calls.isEmpty()) {
      return 0;
    }
    PushInterceptor[] interceptors = manager.pushInterceptors();
    if (interceptors.length == 0) {
      return sendNow(calls);
    }
    // A copy: the buffer may be added to after the push, the interceptors see what was sent.
    List<ScriptBuffer.Call> sent = List.copyOf(calls);
    return InterceptedPush.run(interceptors, this, sent, () -> sendNow(sent));
  }

  private int sendNow(List<ScriptBuffer.Call> calls) {
    List<byte[]> payloads = new ArrayList<>(calls.size());
    for (ScriptBuffer.Call call : calls) {
      String prefix = ReversePayloads.functionPrefix(call.function());
      payloads.add(manager.payloads().call(prefix, call.args().toArray(), null));
    }
    manager.payloads().requireFits(payloads);
    // No label string is built per push: reportReach names a script buffer (null) only when logging.
    return dispatch(null, payloads);
  }

  @Override
  public <T> T proxy(Class<T> type) {
    ProxyType proxyType = ProxyType.of(type);
    manager.proxied(type);
    return type.cast(proxyType.newProxy(new ProxyDispatch(this, proxyType)));
  }

  @Override
  public Targets answerTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("An answer timeout must be more than zero, got " + timeout);
    }
    long millis = Math.max(1, timeout.toMillis());
    return new TargetQuery(manager, keys, values, filters, local, millis);
  }

  @Override
  public <T> CompletableFuture<T> ask(Class<T> type, String function, Object... args) {
    Objects.requireNonNull(type, "type");
    String prefix = ReversePayloads.functionPrefix(FunctionNames.requireValid(function));
    return askOne(function, prefix, args == null ? new Object[] {null} : args, null, type);
  }

  @Override
  public <T> CompletableFuture<List<PageAnswer<T>>> askAll(Class<T> type, String function, Object... args) {
    Objects.requireNonNull(type, "type");
    String prefix = ReversePayloads.functionPrefix(FunctionNames.requireValid(function));
    return askEach(function, prefix, args == null ? new Object[] {null} : args, null, type);
  }

  /**
   * Asks the one matching page (protocol section 4.7). Pages are matched before anything is
   * encoded: more than one fails the future and sends nothing.
   */
  <T> CompletableFuture<T> askOne(String function, String prefix, Object[] args, Type[] argTypes, Type answerType) {
    if (manager.backplane() != null && !local) {
      return askEveryNode(function, prefix, args, argTypes, answerType).thenCompose(gathered -> oneOf(function, gathered));
    }
    List<ScriptSessionImpl> pages = matchesNow();
    if (pages.size() > 1) {
      return CompletableFuture.failedFuture(new IllegalStateException(
          "ask(" + function + ") asks one page, but " + pages.size() + " match " + this
              + ": use askAll, or a proxy method returning CompletableFuture<List<PageAnswer<T>>>"));
    }
    if (pages.isEmpty()) {
      return CompletableFuture.failedFuture(new PageAnswerException(
          PageAnswerException.Reason.PAGE_GONE, null, "No open page matches " + this));
    }
    CompletableFuture<PageAnswer<T>> answer = this.<T>asked(pages, function, prefix, args, argTypes, answerType).get(0);
    return answer.thenCompose(a -> a.answered()
        ? CompletableFuture.completedFuture(a.value()) : CompletableFuture.failedFuture(a.failure()));
  }

  /**
   * Asks every matching page, with one encoding of the call: of every node through the backplane
   * when there is one (and not {@link #local()}), else of this node.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  <T> CompletableFuture<List<PageAnswer<T>>> askEach(
      String function, String prefix, Object[] args, Type[] argTypes, Type answerType) {
    if (manager.backplane() != null && !local) {
      return askEveryNode(function, prefix, args, argTypes, answerType)
          .thenApply(gathered -> (List<PageAnswer<T>>) (List) gathered.answers());
    }
    List<CompletableFuture<PageAnswer<T>>> each = this.<T>asked(matchesNow(), function, prefix, args, argTypes, answerType);
    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenApply(done -> each.stream().map(CompletableFuture::join).toList());
  }

  private <T> List<CompletableFuture<PageAnswer<T>>> asked(
      List<ScriptSessionImpl> pages, String function, String prefix, Object[] args, Type[] argTypes, Type answerType) {
    PushInterceptor[] interceptors = manager.pushInterceptors();
    if (interceptors.length == 0) {
      return askNow(pages, function, prefix, args, argTypes, answerType);
    }
    List<List<CompletableFuture<PageAnswer<T>>>> sent = new ArrayList<>(1);
    InterceptedPush.run(interceptors, this, InterceptedPush.one(function, args), () -> {
      sent.add(this.<T>askNow(pages, function, prefix, args, argTypes, answerType));
      return pages.size();
    });
    if (!sent.isEmpty()) {
      return sent.get(0);
    }
    // Vetoed: nothing was encoded or queued; every page asked gets the veto as its answer.
    List<CompletableFuture<PageAnswer<T>>> vetoed = new ArrayList<>(pages.size());
    for (ScriptSessionImpl page : pages) {
      vetoed.add(CompletableFuture.completedFuture(new PageAnswer<>(page, null, new PageAnswerException(
          PageAnswerException.Reason.VETOED, page, "A push interceptor vetoed the ask of " + function))));
    }
    return vetoed;
  }

  private <T> List<CompletableFuture<PageAnswer<T>>> askNow(
      List<ScriptSessionImpl> pages, String function, String prefix, Object[] args, Type[] argTypes, Type answerType) {
    long id = manager.nextAskId();
    // Encoded (and refused when too large) even for no page, like call(): the caller learns at once.
    byte[] payload = manager.payloads().ask(prefix, args, argTypes, id);
    long timeout = answerTimeoutMillis > 0 ? answerTimeoutMillis : manager.config().answerTimeoutMillis();
    List<CompletableFuture<PageAnswer<T>>> each = new ArrayList<>(pages.size());
    for (ScriptSessionImpl page : pages) {
      each.add(page.answers().<T>ask(id, answerType, payload, timeout));
    }
    reportReach(pages.size(), function, 1);
    return each;
  }

  /**
   * Publishes the ask once; each node asks its own matching pages (see {@link ClusterAsks}). The
   * push interceptors run here, on the asking node only; a veto fails the future {@code VETOED}
   * (the pages of other nodes are not known here) and publishes nothing.
   */
  private CompletableFuture<ClusterAsks.Gathered> askEveryNode(
      String function, String prefix, Object[] args, Type[] argTypes, Type answerType) {
    PushInterceptor[] interceptors = manager.pushInterceptors();
    if (interceptors.length == 0) {
      return askEveryNodeNow(prefix, args, argTypes, answerType);
    }
    List<CompletableFuture<ClusterAsks.Gathered>> sent = new ArrayList<>(1);
    InterceptedPush.run(interceptors, this, InterceptedPush.one(function, args), () -> {
      sent.add(askEveryNodeNow(prefix, args, argTypes, answerType));
      return count();
    });
    return sent.isEmpty()
        ? CompletableFuture.failedFuture(new PageAnswerException(
            PageAnswerException.Reason.VETOED, null, "A push interceptor vetoed the ask of " + function))
        : sent.get(0);
  }

  private CompletableFuture<ClusterAsks.Gathered> askEveryNodeNow(
      String prefix, Object[] args, Type[] argTypes, Type answerType) {
    requireNoFilters();
    String head = manager.payloads().askHead(prefix, args, argTypes);
    // Refused here when too large, like call(): the caller learns at once.
    manager.payloads().ask(head, Long.MAX_VALUE);
    long timeout = answerTimeoutMillis > 0 ? answerTimeoutMillis : manager.config().answerTimeoutMillis();
    CompletableFuture<ClusterAsks.Gathered> gathered;
    try {
      gathered = manager.backplane().asks().ask(keys, values, head, answerType, timeout);
    } catch (PageAnswerException tooMany) {
      return CompletableFuture.failedFuture(tooMany);
    }
    manager.pushCounters().pushed(countUnfiltered());
    return gathered;
  }

  /** What ask (one page) makes of every node's answers: exactly one is required. */
  @SuppressWarnings("unchecked")
  private <T> CompletableFuture<T> oneOf(String function, ClusterAsks.Gathered gathered) {
    List<PageAnswer<Object>> answers = gathered.answers();
    if (answers.size() == 1) {
      PageAnswer<Object> answer = answers.get(0);
      return answer.answered()
          ? CompletableFuture.completedFuture((T) answer.value()) : CompletableFuture.failedFuture(answer.failure());
    }
    if (answers.isEmpty()) {
      return CompletableFuture.failedFuture(gathered.complete()
          ? new PageAnswerException(PageAnswerException.Reason.PAGE_GONE, null, "No open page of any node matches " + this)
          : new PageAnswerException(PageAnswerException.Reason.TIMEOUT, null,
              "No page answered, and not every node replied within the answer timeout, for " + this));
    }
    return CompletableFuture.failedFuture(new IllegalStateException(
        "ask(" + function + ") asks one page, but " + answers.size() + " pages of the nodes match " + this
            + " (each was asked; their answers are dropped): use askAll, or a proxy method returning"
            + " CompletableFuture<List<PageAnswer<T>>>"));
  }

  private void requireNoFilters() {
    if (filters.length > 0) {
      throw new IllegalStateException(
          "A filter(...) predicate runs on this node only and cannot travel to the other nodes of the"
              + " backplane: call local().filter(...) to push to or ask this node's matching pages, or target"
              + " all nodes by page, user, httpSession or session alone");
    }
  }

  /** This node's matching pages now: an answer comes back to the node its page is connected to. */
  private List<ScriptSessionImpl> matchesNow() {
    List<ScriptSessionImpl> pages = new ArrayList<>();
    forEachMatch(pages::add);
    return pages;
  }

  /**
   * Queues one shared payload to every page matching now, on every node.
   *
   * @return how many pages of this node it was queued to (see {@link #dispatch})
   */
  int enqueue(String function, byte[] payload) {
    return dispatch(function, List.of(payload));
  }

  /**
   * With a backplane (and not {@link #local()}) the push is published once and every node, this one
   * included, queues it when it reads it back: all pages then see pushes in the backplane's one
   * order. Otherwise it is queued here now.
   *
   * @return the pages it was queued to; with a backplane, the pages of this node that match now
   *     (they get it when it comes back from the backplane; other nodes' pages are not counted)
   */
  private int dispatch(String function, List<byte[]> payloads) {
    BackplaneLink backplane = manager.backplane();
    if (backplane == null || local) {
      return reportReach(enqueueHere(payloads), function, payloads.size());
    }
    requireNoFilters();
    backplane.publish(new ClusterPush(keys, values, payloads));
    // Counted on the node that made the push, like a push without a backplane; no "reached no
    // page" log, since other nodes' pages are not seen here. The pages are walked once, when the
    // push comes back (enqueueHere), not here too.
    int reached = countUnfiltered();
    manager.pushCounters().pushed(reached);
    return reached;
  }

  /**
   * Queues {@code payloads}, in order and without interleaving, to this node's matching pages.
   *
   * @return how many pages they were queued to (a page ending meanwhile is not counted)
   */
  int enqueueHere(List<byte[]> payloads) {
    int[] reached = {0};
    // One clock read per push, not per page: the queues keep it for the push-to-write latency.
    long queuedAt = System.nanoTime();
    if (payloads.size() == 1) {
      byte[] payload = payloads.get(0);
      forEachMatch(
          session -> {
            if (session.queue().enqueue(payload, queuedAt)) {
              reached[0]++;
            }
          });
    } else {
      forEachMatch(
          session -> {
            if (session.queue().enqueueAll(payloads, queuedAt)) {
              reached[0]++;
            }
          });
    }
    return reached[0];
  }

  /** @param function the function called, or null for a script buffer of {@code calls} calls */
  private int reportReach(int reached, String function, int calls) {
    manager.pushCounters().pushed(reached);
    if (reached == 0 && LOG.isDebugEnabled()) {
      String what = function != null ? function : "a script buffer (" + calls + " calls)";
      LOG.debug("Push of {} reached no page: nothing open matches {}", what, this);
    }
    return reached;
  }

  /**
   * {@link #count()} without a walk when one index set is the answer: a target of no filter and at
   * most one key matches exactly the pages of that set (every page, for no key). The sets hold open
   * pages only: a page leaves them as it ends. Two or more keys still walk the smallest set.
   */
  private int countUnfiltered() {
    if (filters.length > 0 || keys.length > 1) {
      return count();
    }
    return keys.length == 0 ? manager.index().all().size() : manager.index().matching(keys[0], values[0]).size();
  }

  void forEachMatch(Consumer<ScriptSessionImpl> action) {
    Collection<ScriptSessionImpl> candidates = manager.index().all();
    int known = -1;
    for (int i = 0; i < keys.length; i++) {
      Collection<ScriptSessionImpl> set = manager.index().matching(keys[i], values[i]);
      if (i == 0 || set.size() < candidates.size()) {
        candidates = set;
        known = i;
      }
    }
    // A page's id and URL never change: every member of their index sets has the value looked up,
    // so that key is not compared again (a broadcast to a URL would read every page's URL string).
    if (known >= 0 && keys[known] != SessionKey.PAGE && keys[known] != SessionKey.ID) {
      known = -1;
    }
    for (ScriptSessionImpl session : candidates) {
      if (session.isValid() && matches(session, known)) {
        action.accept(session);
      }
    }
  }

  /** Whether {@code session} matches every key but the {@code known} one, and every filter. */
  private boolean matches(ScriptSessionImpl session, int known) {
    for (int i = 0; i < keys.length; i++) {
      if (i != known && !keys[i].matches(session, values[i])) {
        return false;
      }
    }
    for (Predicate<? super ScriptSession> filter : filters) {
      if (!filter.test(session)) {
        return false;
      }
    }
    return true;
  }

  private TargetQuery narrow(SessionKey key, String value) {
    SessionKey[] moreKeys = Arrays.copyOf(keys, keys.length + 1);
    String[] moreValues = Arrays.copyOf(values, values.length + 1);
    moreKeys[keys.length] = key;
    moreValues[values.length] = value;
    return new TargetQuery(manager, moreKeys, moreValues, filters, local, answerTimeoutMillis);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(local ? "this node's pages" : "pages");
    for (int i = 0; i < keys.length; i++) {
      text.append(i == 0 ? " where " : ", ").append(keys[i].label()).append('=');
      // A session id is a credential: keep it out of logs.
      text.append(keys[i] == SessionKey.ID ? "(id)" : values[i]);
    }
    if (filters.length > 0) {
      text.append(keys.length == 0 ? " where " : ", ").append(filters.length).append(" filter(s)");
    }
    return text.toString();
  }
}

package io.duplex.internal.reverse;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.duplex.PageAnswer;
import io.duplex.PageAnswerException;
import io.duplex.PageAnswerException.Reason;
import io.duplex.ScriptSession;
import io.duplex.internal.convert.ConversionException;
import io.duplex.internal.reverse.ClusterAnswers.Ask;
import io.duplex.internal.reverse.ClusterAnswers.Outcome;
import io.duplex.internal.reverse.ClusterAnswers.Reply;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks of every node's pages through the backplane. The asking node publishes the ask once; each
 * node, this one included, asks its own matching pages when it reads the ask and publishes their
 * answers back addressed to the asking node; the asking node completes the ask when every node
 * {@code Backplane.nodes()} listed when it asked has replied or has left {@code nodes()} since
 * (it stopped or died: its pages are gone), or when the answer timeout plus a grace for the
 * replies to travel has passed: the pages of a node that did not reply are then absent. At most
 * {@code maxPendingAnswers} such asks wait on this node at once. Thread-safe.
 */
final class ClusterAsks {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterAsks.class);
  /** Longest wait, beyond the answer timeout, for the replies to travel back. */
  static final long GRACE_MILLIS = 1000;
  /** How often an unfinished ask looks whether the nodes it waits for are still in {@code nodes()}. */
  static final long LIVENESS_CHECK_MILLIS = 250;

  private final ScriptSessionManager manager;
  private final BackplaneLink link;
  /**
   * This node's name in asks and replies: its id in {@code Backplane.nodes()}, so that a node missing
   * from there is one whose reply will not come; a name new at each start when the backplane has
   * no id to tell ({@link #named} false: replies are then only counted).
   */
  private final String node;
  private final boolean named;
  private final ConcurrentHashMap<Long, Waiting> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicInteger count = new AtomicInteger();

  /** What {@link #ask} completes with: the answers, and whether every node known replied. */
  record Gathered(List<PageAnswer<Object>> answers, boolean complete) {}

  private final class Waiting {
    final Type type;
    /** The nodes listed when the ask was published, this one included. */
    final Set<String> expected;
    final Set<String> replied = new HashSet<>();
    final List<PageAnswer<Object>> answers = new ArrayList<>();
    final CompletableFuture<Gathered> future = new CompletableFuture<>();

    Waiting(Type type, Set<String> expected) {
      this.type = type;
      this.expected = expected;
    }

    /** Caller holds this object's lock. */
    boolean allReplied() {
      return named ? replied.containsAll(expected) : replied.size() >= expected.size();
    }

    /** Caller holds this object's lock: every node not replied yet has left {@code alive}. */
    boolean restGone(Set<String> alive) {
      for (String waitedFor : expected) {
        if (!replied.contains(waitedFor) && alive.contains(waitedFor)) {
          return false;
        }
      }
      return true;
    }
  }

  ClusterAsks(ScriptSessionManager manager, BackplaneLink link) {
    this.manager = manager;
    this.link = link;
    String id = link.node();
    this.named = id != null;
    this.node = named ? id : UUID.randomUUID().toString();
  }

  /**
   * Publishes one ask to every node. The future never completes exceptionally once published.
   *
   * @throws PageAnswerException {@code TOO_MANY_ASKS} when {@code maxPendingAnswers} asks of this
   *     node wait for replies already
   */
  CompletableFuture<Gathered> ask(SessionKey[] keys, String[] values, String entryHead, Type type, long timeoutMillis) {
    int max = manager.config().maxPendingAnswers();
    if (count.incrementAndGet() > max) {
      count.decrementAndGet();
      throw new PageAnswerException(Reason.TOO_MANY_ASKS, null,
          "This node has " + max + " asks of every node's pages waiting for replies already (maxPendingAnswers)");
    }
    long id = ids.incrementAndGet();
    Set<String> expected = new HashSet<>(link.nodes().keySet());
    expected.add(node);
    Waiting waiting = new Waiting(type, expected);
    pending.put(id, waiting);
    try {
      link.publish(new Ask(node, id, timeoutMillis, keys, values, entryHead).encode());
    } catch (RuntimeException e) {
      finish(id, false);
      throw e;
    }
    CompletableFuture.delayedExecutor(timeoutMillis + Math.min(timeoutMillis, GRACE_MILLIS), TimeUnit.MILLISECONDS)
        .execute(() -> finish(id, false));
    if (named) {
      watchLiveness(id);
    }
    return waiting.future;
  }

  /**
   * Until ask {@code id} finishes, looks every {@link #LIVENESS_CHECK_MILLIS} whether the nodes it
   * still waits for have left {@code nodes()}; if all have, it finishes complete: a node that died
   * mid-ask never replies, and its pages are gone.
   */
  private void watchLiveness(long id) {
    CompletableFuture.delayedExecutor(LIVENESS_CHECK_MILLIS, TimeUnit.MILLISECONDS).execute(() -> {
      Waiting waiting = pending.get(id);
      if (waiting == null) {
        return;
      }
      Set<String> alive = link.nodes().keySet();
      boolean gone;
      synchronized (waiting) {
        gone = waiting.restGone(alive);
      }
      if (gone) {
        finish(id, true);
      } else {
        watchLiveness(id);
      }
    });
  }

  /** Read from the backplane: asks this node's matching pages, and replies once all have answered. */
  void received(Ask ask) {
    List<ScriptSessionImpl> pages = new ArrayList<>();
    new TargetQuery(manager, ask.keys(), ask.values(), true).forEachMatch(pages::add);
    List<CompletableFuture<PageAnswer<Object>>> each = new ArrayList<>(pages.size());
    if (!pages.isEmpty()) {
      long pageAskId = manager.nextAskId();
      byte[] payload;
      try {
        payload = manager.payloads().ask(ask.entryHead(), pageAskId);
      } catch (RuntimeException e) {
        // Fits on the asking node but not here (another maxQueuedBytes): this node's pages are absent.
        LOG.warn("Ask from another node not asked of this node's pages: {}", e.getMessage());
        pages.clear();
        payload = null;
      }
      for (ScriptSessionImpl page : pages) {
        each.add(page.answers().ask(pageAskId, PendingAnswers.RAW, payload, ask.timeoutMillis()));
      }
    }
    CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenRun(() -> reply(ask, pages, each));
  }

  private void reply(Ask ask, List<ScriptSessionImpl> pages, List<CompletableFuture<PageAnswer<Object>>> each) {
    List<Outcome> outcomes = new ArrayList<>(pages.size());
    for (int i = 0; i < pages.size(); i++) {
      ScriptSessionImpl page = pages.get(i);
      PageAnswer<Object> answer = each.get(i).join();
      outcomes.add(answer.answered()
          ? new Outcome(page.id(), page.page(), page.user(), null, ((JsonElement) answer.value()).toString())
          : new Outcome(page.id(), page.page(), page.user(), answer.failure().reason(), String.valueOf(answer.failure().getMessage())));
    }
    Reply reply = new Reply(ask.origin(), ask.id(), node, outcomes);
    if (ask.origin().equals(node)) {
      received(reply);
      return;
    }
    try {
      link.publish(reply.encode());
    } catch (RuntimeException e) {
      LOG.warn("Answers of this node's pages to an ask from another node not sent: {}", e.getMessage());
    }
  }

  /** Read from the backplane: a reply to another node's ask, or to an ask no longer waiting, is ignored. */
  void received(Reply reply) {
    if (!reply.origin().equals(node)) {
      return;
    }
    Waiting waiting = pending.get(reply.id());
    if (waiting == null) {
      return;
    }
    boolean all;
    synchronized (waiting) {
      if (!waiting.replied.add(reply.node())) {
        return;
      }
      for (Outcome outcome : reply.outcomes()) {
        waiting.answers.add(answer(outcome, waiting.type));
      }
      all = waiting.allReplied();
    }
    if (all) {
      finish(reply.id(), true);
    }
  }

  /**
   * @param complete whether every node the ask waited for replied or left the cluster, so that a
   *     page absent from the answers is gone (else a node's reply may still be on its way)
   */
  private void finish(long id, boolean complete) {
    Waiting waiting = pending.remove(id);
    if (waiting == null) {
      return;
    }
    count.decrementAndGet();
    Gathered gathered;
    synchronized (waiting) {
      gathered = new Gathered(List.copyOf(waiting.answers), complete || waiting.allReplied());
    }
    waiting.future.complete(gathered);
  }

  private PageAnswer<Object> answer(Outcome outcome, Type type) {
    // A page of this node is itself; one of another node is a view of what its reply said.
    ScriptSession page = manager.index().matching(SessionKey.ID, outcome.sessionId()).stream()
        .findFirst()
        .map(ScriptSession.class::cast)
        .orElseGet(() -> new RemotePage(manager, outcome.sessionId(), outcome.page(), outcome.user()));
    if (outcome.reason() != null) {
      return new PageAnswer<>(page, null, new PageAnswerException(outcome.reason(), page, outcome.text()));
    }
    try {
      return new PageAnswer<>(page, manager.converter().fromJson(JsonParser.parseString(outcome.text()), type), null);
    } catch (ConversionException | JsonParseException e) {
      return new PageAnswer<>(page, null, new PageAnswerException(Reason.BAD_VALUE, page, "The page's answer " + e.getMessage()));
    }
  }

  /** For tests: asks of this node waiting for replies. */
  int size() {
    return count.get();
  }
}

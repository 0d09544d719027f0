package io.duplex;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * A set of open pages to call, narrowed step by step: {@code duplex.browser().page("/chat.html")
 * .user("ann")}. A Targets is a query: it is evaluated each time it calls or lists, so it can be
 * kept and reused as pages come and go. Calls may be made from any thread.
 *
 * <p>With a {@code backplane} (several nodes), {@link #call}, {@link #send} and {@link #proxy}
 * reach the matching pages of every node; {@link #count()} and {@link #sessions()} see this node's
 * pages only, and a {@link #filter} predicate, which cannot travel to other nodes, needs {@link
 * #local()} (see docs/scaling.md). {@link #ask} and {@link #askAll} ask the matching pages of
 * every node too: the ask travels the backplane once and each node sends its pages' answers back to
 * the asking node (see {@link #askAll}).
 */
public interface Targets {
  /**
   * Pages whose normalised path is {@code page}, relative to the application's context path: {@code
   * /chat.html} whether the application is deployed at {@code /} or {@code /shop} (looked up in an
   * index, not by scanning).
   *
   * @param page a path such as {@code /chat.html}
   * @return the narrower targets
   */
  Targets page(String page);

  /**
   * The page with this script session id, if it is open.
   *
   * @param scriptSessionId a {@link ScriptSession#id()}
   * @return the narrower targets
   */
  Targets session(String scriptSessionId);

  /**
   * Pages opened under this HTTP session.
   *
   * @param httpSessionId the HTTP session's id
   * @return the narrower targets
   */
  Targets httpSession(String httpSessionId);

  /**
   * Pages whose requests were authenticated as this user.
   *
   * @param name the user's name, as the request's remote user
   * @return the narrower targets
   */
  Targets user(String name);

  /**
   * Pages that also match {@code predicate}. A Java predicate cannot travel to other nodes: with a
   * backplane, pushing to a filtered target throws {@link IllegalStateException} unless the target
   * is {@link #local()}.
   *
   * @param predicate tested on each candidate page when the target is used
   * @return the narrowed target
   */
  Targets filter(Predicate<? super ScriptSession> predicate);

  /**
   * The same pages on this node only: pushes are queued here at once and never go through the
   * backplane, so they may run before, or after, pushes published through it earlier. Without a
   * backplane every target is local already.
   *
   * @return this target restricted to this node
   */
  Targets local();

  /**
   * {@return the matching pages of this node now} Never those of other nodes, which this node cannot
   * see.
   */
  Collection<ScriptSession> sessions();

  /** {@return how many pages of this node match now} {@code Duplex.nodes()} counts the open pages of all. */
  int count();

  /**
   * Calls the global JavaScript function {@code function} (dotted names resolve through objects,
   * e.g. {@code app.chat.add}) with {@code args} in every matching page. The arguments are
   * converted to JSON once, whatever the number of pages.
   *
   * <p>A call that reaches no page (none open yet, a mistyped page, a closed Duplex) is not an
   * error: it returns 0 and is logged at debug level with this query's description.
   *
   * @param function the JavaScript function's name
   * @param args its arguments, converted to JSON
   * @return how many pages the call was queued to (0 if none matched); with a backplane, how many
   *     pages of this node match now (the call is published for every node and queued here when it
   *     comes back; other nodes' pages are not counted)
   * @throws PushTooLargeException if the encoded call is larger than {@code maxQueuedBytes}; no
   *     page's queue is changed
   * @throws BackplaneUnavailableException with a backplane unreachable for longer than {@code
   *     backplaneBufferedPushes} pushes
   */
  int call(String function, Object... args);

  /**
   * Queues every call in {@code script}, in order, to every matching page. Like {@link #call}, a
   * send that reaches no page returns 0 and is logged at debug level.
   *
   * @param script the calls to queue
   * @return how many pages the calls were queued to (0 if none matched, or if {@code script} is
   *     empty)
   * @throws PushTooLargeException if the encoded calls together are larger than {@code
   *     maxQueuedBytes}; nothing is queued
   */
  int send(ScriptBuffer script);

  /**
   * A typed proxy: each method call on it calls the JavaScript function of the same name (or its
   * {@link ScriptName}) in every matching page. {@code type} must be an interface whose methods
   * return {@code void}, {@code int}, {@code CompletableFuture<T>} or {@code
   * CompletableFuture<List<PageAnswer<T>>>}: a method declared {@code int} returns how many pages
   * its call was queued to, as {@link #call} does; one declared {@code CompletableFuture<T>} asks
   * the one matching page as {@link #ask} does, and one declared {@code
   * CompletableFuture<List<PageAnswer<T>>>} asks every matching page as {@link #askAll} does. Its
   * methods throw {@link PushTooLargeException} as {@link #call} does.
   *
   * @param type the interface to implement
   * @param <T> the interface
   * @return a proxy calling the matching pages
   */
  <T> T proxy(Class<T> type);

  /**
   * The same pages, with another answer timeout for the asks made through the result ({@link #ask},
   * {@link #askAll} and the {@code CompletableFuture} methods of its {@link #proxy}s); without it,
   * the {@code answerTimeoutMillis} setting.
   *
   * @param timeout how long each page has to answer, more than zero
   * @return these targets with that answer timeout
   */
  Targets answerTimeout(Duration timeout);

  /**
   * Asks the one matching page: calls its JavaScript function {@code function} with {@code args}
   * and completes with what the function returns, or with the value of the Promise it returns,
   * converted to {@code type} (the conversion rules of call arguments: only into the declared type).
   * The call is a numbered reverse call like any other, run once; nothing waits for the answer on a
   * server thread. The future's dependent stages run on the thread that brought the answer (a
   * request thread): give slow work to an executor ({@code thenApplyAsync}).
   *
   * <p>It completes exceptionally with {@link PageAnswerException}: the page's function threw or its
   * Promise was rejected ({@link PageAnswerException.Reason#ERROR ERROR}, with the page's message),
   * no answer within the answer timeout ({@code TIMEOUT}), the page ended first or no page matches
   * ({@code PAGE_GONE}), the value does not convert ({@code BAD_VALUE}), or the page has {@code
   * maxPendingAnswers} asks waiting already ({@code TOO_MANY_ASKS}); with {@link
   * IllegalStateException} when more than one page matches (nothing is sent: use {@link #askAll}).
   *
   * <p>With a backplane (and not {@link #local()}) the one page may be on any node, for example
   * {@code session(id)} of a page on another node: the ask goes to every node as {@link #askAll}
   * does, and exactly one page of all nodes must answer. No page on any node gives {@code
   * PAGE_GONE} (or {@code TIMEOUT} when a node did not reply in time); more than one gives {@link
   * IllegalStateException}, but each of them was asked, since no node sees the others' pages.
   *
   * @param type the type to convert the answer to
   * @param function the JavaScript function's name
   * @param args its arguments, converted to JSON
   * @param <T> the answer's type
   * @return the page's answer
   * @throws PushTooLargeException if the encoded call is larger than {@code maxQueuedBytes}
   */
  <T> CompletableFuture<T> ask(Class<T> type, String function, Object... args);

  /**
   * Asks every matching page of this node, as {@link #ask} asks one: the call is converted once and
   * queued to each page, and the future completes when every page has answered, failed or timed
   * out, with one {@link PageAnswer} per page (its session, and its value or its {@link
   * PageAnswerException}), in no particular order. No page matching gives an empty list.
   *
   * <p>With a backplane (and not {@link #local()}) it asks the matching pages of every node: the
   * ask is published once, each node asks its own pages and sends their answers (as JSON) back to
   * this node, which converts them to {@code type}. The future completes when every node listed in
   * {@code Duplex.nodes()} at the time of the ask has replied or has left {@code Duplex.nodes()}
   * since (it stopped or died: its pages are gone and absent from the list), or at the latest after
   * the answer timeout plus as long again (at most one more second) for the replies to travel: the
   * pages of a node that has not replied by then are absent from the list (this node does not know
   * them). A
   * page of another node is a {@link ScriptSession} view with {@code id()}, {@code page()}, {@code
   * user()} and {@code target()}; its other methods throw {@link UnsupportedOperationException}. A
   * {@link #filter} predicate cannot travel: use {@code local()}. At most {@code maxPendingAnswers}
   * such asks of one node wait for replies at once: one more completes exceptionally with {@code
   * PageAnswerException} {@code TOO_MANY_ASKS} and is not sent; that is the only way this future
   * completes exceptionally.
   *
   * @param type the type to convert each answer to
   * @param function the JavaScript function's name
   * @param args its arguments, converted to JSON
   * @param <T> the answers' type
   * @return every page's answer; without a backplane this future never completes exceptionally
   * @throws PushTooLargeException if the encoded call is larger than {@code maxQueuedBytes}
   */
  <T> CompletableFuture<List<PageAnswer<T>>> askAll(Class<T> type, String function, Object... args);
}

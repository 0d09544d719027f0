package io.duplex;

import java.util.List;

/**
 * Runs around every reverse call made on this node: {@link Targets#call}, {@link Targets#send}, a
 * method of a {@link Targets#proxy}, {@link JsFunction#call}, the asks {@link Targets#ask} and
 * {@link Targets#askAll} (and proxy methods returning a {@code CompletableFuture}), and {@link
 * Topic#publish} (seen as function {@code "topic:<name>"} with the message as its one argument). It runs once per push, before the
 * arguments are converted and before the pages are looked up, however many pages the push
 * reaches; {@link Chain#proceed()} converts the arguments once and queues the same bytes to every
 * matching page. Register one with {@link Duplex.Builder#interceptPushes(PushInterceptor)};
 * several run in registration order, the first outermost. Use it for authorisation, logging,
 * auditing or timing of pushes:
 *
 * <pre>{@code
 * Duplex.builder().interceptPushes(chain -> {
 *   if (chain.function().startsWith("admin.") && !adminPushesAllowed()) return 0; // vetoed
 *   audit.log(chain.target() + " " + chain.function() + chain.arguments());
 *   return chain.proceed();
 * })
 * }</pre>
 *
 * <p>An interceptor that returns without calling {@code proceed()} vetoes the push: nothing is
 * converted or queued, and the pushing code gets the interceptor's return value (pages reached;
 * usually 0); a vetoed ask completes with a {@link PageAnswerException.Reason#VETOED} failure for
 * each page asked (with a backplane, the ask's future fails {@code VETOED}: other nodes' pages are
 * not known on the asking node). What it throws reaches the pushing code unchanged. It runs on the pushing thread.
 *
 * <p>With a {@code backplane} the interceptors run on the node that makes the push only, before it
 * is published: the backplane carries the encoded push, and the nodes that read it back queue it
 * to their pages without running interceptors again (so a push is audited once, not once per node).
 */
@FunctionalInterface
public interface PushInterceptor {
  /**
   * Handles one push.
   *
   * @param chain the push, and the rest of the chain
   * @return the pages the push was queued to: usually {@code chain.proceed()}
   */
  int intercept(Chain chain);

  /** One push on its way through the interceptors to the pages' queues. */
  interface Chain {
    /**
     * @return the pages the push goes to, as the pushing code narrowed them (its {@code
     *     toString()} is {@link #target()}); reading its {@code count()} or {@code sessions()}
     *     costs a pass over the matching pages of this node
     */
    Targets targets();

    /**
     * @return a description of the targets for logs, e.g. {@code pages where page=/chat.html}
     *     (a session id shows as {@code (id)}: it is a credential)
     */
    String target();

    /**
     * @return the function the first (usually only) call runs, e.g. {@code "chat.show"}; {@code
     *     "topic:prices"} for a publish to topic {@code prices}; null for a call to a {@link
     *     JsFunction} the page passed in
     */
    String function();

    /**
     * @return the first call's arguments, as the Java code passed them (not yet converted);
     *     unmodifiable
     */
    List<Object> arguments();

    /**
     * @return every call of the push, in order: one, or those of a {@link ScriptBuffer}
     */
    List<ScriptBuffer.Call> calls();

    /**
     * Runs the next interceptor, or converts and queues the push when none is left. Call it at most
     * once.
     *
     * @return the pages the push was queued to (see {@link Targets#call})
     */
    int proceed();
  }
}

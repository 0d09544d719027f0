package io.duplex;

/**
 * A page gave no usable answer to an ask ({@link Targets#ask}, {@link Targets#askAll}, or a page
 * proxy method returning {@code CompletableFuture}). One exception type with a {@link #reason()}
 * rather than one type per case: callers that ask many pages mostly treat every failure alike
 * ("no answer from that page"), and those that care switch on the reason.
 */
public final class PageAnswerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why there is no answer. */
  public enum Reason {
    /** The page's function threw, or the Promise it returned was rejected: the message is the page's. */
    ERROR,
    /** No answer arrived within the answer timeout ({@code answerTimeoutMillis}, or the per-call one). */
    TIMEOUT,
    /** The page ended (closed, unloaded, expired, invalidated) before it answered, or none was open. */
    PAGE_GONE,
    /** The page answered with a value that does not convert to the declared type. */
    BAD_VALUE,
    /** The page had {@code maxPendingAnswers} asks waiting already: this one was not sent. */
    TOO_MANY_ASKS,
    /** A {@link PushInterceptor} vetoed the ask (returned without {@code proceed()}): nothing was sent. */
    VETOED
  }

  /** Why there is no answer. */
  private final Reason reason;

  /** The page asked; not serialised (a page lives in one server). */
  private final transient ScriptSession session;

  /**
   * A page's failure to answer.
   *
   * @param reason why there is no answer
   * @param session the page asked, or null when no page was open
   * @param message the page's own message for {@link Reason#ERROR}, else what happened
   */
  public PageAnswerException(Reason reason, ScriptSession session, String message) {
    super(message);
    this.reason = reason;
    this.session = session;
  }

  /** {@return why there is no answer} */
  public Reason reason() {
    return reason;
  }

  /** {@return the page that was asked, or null when no page was open to ask} */
  public ScriptSession session() {
    return session;
  }
}

package io.duplex;

/**
 * One page's answer to an ask of many pages ({@link Targets#askAll}): its value, or why there is
 * none.
 *
 * @param session the page asked; for a page of another backplane node, a view with its {@code id()},
 *     {@code page()}, {@code user()} and {@code target()} only (see {@link Targets#askAll})
 * @param value the page's answer converted to the declared type (null when it failed, or when the
 *     page answered null or nothing)
 * @param failure why there is no answer, or null when the page answered
 * @param <T> the declared type of the answer
 */
public record PageAnswer<T>(ScriptSession session, T value, PageAnswerException failure) {
  /** {@return whether the page answered (its function returned, or its Promise resolved)} */
  public boolean answered() {
    return failure == null;
  }
}

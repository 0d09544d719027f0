package io.duplex.samples.reverse;

import io.duplex.PageAnswer;
import io.duplex.ScriptName;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The answering functions of {@code answers.html}, asked through a typed proxy. */
@ScriptName("answers")
interface AnswerPage {
  /** A record there and back: the page returns what it got. */
  CompletableFuture<Tally> echo(Tally tally);

  /** A Promise that resolves to {@code value} after {@code millis}. */
  CompletableFuture<Integer> later(int value, int millis);

  /** Throws an Error with {@code message}. */
  CompletableFuture<String> fail(String message);

  /** A Promise rejected with an Error of {@code message}. */
  CompletableFuture<String> reject(String message);

  /** A Promise that never settles. */
  CompletableFuture<Boolean> never();

  /** Every asked page's script session id, as the page knows it. */
  CompletableFuture<List<PageAnswer<String>>> whoAmI();

  /** A counted name, converted both ways. */
  record Tally(String name, int count) {}
}

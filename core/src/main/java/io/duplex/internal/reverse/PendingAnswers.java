package io.duplex.internal.reverse;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import io.duplex.PageAnswer;
import io.duplex.PageAnswerException;
import io.duplex.PageAnswerException.Reason;
import io.duplex.internal.convert.ConversionException;
import io.duplex.internal.convert.JsonConverter;
import io.duplex.internal.protocol.Answer;
import io.duplex.internal.protocol.ErrorCode;
import io.duplex.internal.protocol.ProtocolException;
import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One page's asks waiting for their answers (protocol section 4.7), at most {@code max} at once.
 * Nothing waits on a thread: each ask is a future, completed by the request that brings its
 * answer, by its timeout (the JDK's shared delay thread, cancelled when the answer comes first),
 * or by the page's end. Thread-safe.
 */
final class PendingAnswers {
  /** The answer type of an ask made for another node: the answer's JSON, unconverted. */
  static final Type RAW = JsonElement.class;

  private final ScriptSessionImpl session;
  private final int max;
  private final Supplier<JsonConverter> converter;
  private final ConcurrentHashMap<Long, Asked> pending = new ConcurrentHashMap<>();
  private final AtomicInteger count = new AtomicInteger();
  /** The highest ask id this page was sent: an answer above it names an ask that never was. */
  private volatile long highestAsked;
  private volatile boolean ended;

  private record Asked(Type type, CompletableFuture<Object> future) {}

  PendingAnswers(ScriptSessionImpl session, int max, Supplier<JsonConverter> converter) {
    this.session = session;
    this.max = max;
    this.converter = converter;
  }

  /**
   * Registers ask {@code id} and queues {@code payload} (its entry, carrying the id) to the page.
   * Registered first, so that an answer can never arrive before its ask is known.
   *
   * @return the page's answer; never completes exceptionally
   */
  <T> CompletableFuture<PageAnswer<T>> ask(long id, Type type, byte[] payload, long timeoutMillis) {
    CompletableFuture<Object> future = new CompletableFuture<>();
    Asked asked = new Asked(type, future);
    if (count.incrementAndGet() > max) {
      count.decrementAndGet();
      future.completeExceptionally(failure(Reason.TOO_MANY_ASKS,
          "The page has " + max + " asks waiting for answers already (maxPendingAnswers)"));
    } else {
      pending.put(id, asked);
      synchronized (this) {
        if (id > highestAsked) {
          highestAsked = id;
        }
      }
      // Checked after put: end() drains after it sets ended, so one of the two sees this ask.
      if (ended || !session.queue().enqueue(payload)) {
        gone(id);
      } else {
        future.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
      }
    }
    return future.handle(
        (value, error) -> {
          forget(id, asked);
          return answer(value, error, timeoutMillis);
        });
  }

  /**
   * Takes the page's answers: each completes its ask. An answer to an ask no longer waiting (a
   * repeat, or one that came after its timeout) is ignored; one naming an id this page was never
   * sent refuses the whole request before any answer is taken.
   *
   * @throws ProtocolException {@code ANSWER_UNKNOWN}
   */
  void take(List<Answer> answers) {
    if (answers.isEmpty()) {
      return;
    }
    long highest = highestAsked;
    for (int i = 0; i < answers.size(); i++) {
      if (answers.get(i).id() > highest) {
        throw new ProtocolException(
            ErrorCode.ANSWER_UNKNOWN, "answers[" + i + "].id: this page was never asked " + answers.get(i).id());
      }
    }
    for (Answer answer : answers) {
      Asked asked = pending.get(answer.id());
      if (asked == null) {
        continue;
      }
      if (answer.error() != null) {
        asked.future().completeExceptionally(failure(Reason.ERROR, answer.error()));
        continue;
      }
      Object value;
      if (asked.type() == RAW) {
        // Asked for another node: the JSON travels as is, converted where the ask was made.
        asked.future().complete(answer.value() == null ? JsonNull.INSTANCE : answer.value());
        continue;
      }
      try {
        value = converter.get().fromJson(answer.value(), asked.type());
      } catch (ConversionException e) {
        asked.future().completeExceptionally(failure(Reason.BAD_VALUE, "The page's answer " + e.getMessage()));
        continue;
      }
      asked.future().complete(value);
    }
  }

  /** The page ended: every ask still waiting fails with {@code PAGE_GONE}. */
  void end() {
    ended = true;
    for (Long id : pending.keySet()) {
      gone(id);
    }
  }

  int size() {
    return count.get();
  }

  private void gone(long id) {
    Asked asked = pending.get(id);
    if (asked != null) {
      asked.future().completeExceptionally(failure(Reason.PAGE_GONE, "The page ended before it answered"));
    }
  }

  private void forget(long id, Asked asked) {
    if (pending.remove(id, asked)) {
      count.decrementAndGet();
    }
  }

  @SuppressWarnings("unchecked")
  private <T> PageAnswer<T> answer(Object value, Throwable error, long timeoutMillis) {
    if (error == null) {
      return new PageAnswer<>(session, (T) value, null);
    }
    if (error instanceof PageAnswerException failure) {
      return new PageAnswer<>(session, null, failure);
    }
    if (error instanceof TimeoutException) {
      return new PageAnswer<>(session, null, failure(Reason.TIMEOUT, "The page did not answer within " + timeoutMillis + " ms"));
    }
    PageAnswerException other = failure(Reason.ERROR, String.valueOf(error.getMessage()));
    other.initCause(error);
    return new PageAnswer<>(session, null, other);
  }

  private PageAnswerException failure(Reason reason, String message) {
    return new PageAnswerException(reason, session, message);
  }
}

package io.duplex.servlet;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One {@code /reverse} response read line by line as it arrives. Reading waits with a deadline;
 * the end of the response (or a broken connection) reads as null.
 */
public final class ReverseStream implements AutoCloseable {
  private static final String END = "\u0000end";
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final CompletableFuture<HttpResponse.ResponseInfo> head = new CompletableFuture<>();
  private final CompletableFuture<HttpResponse<Void>> response;
  private volatile Flow.Subscription subscription;
  private volatile Throwable failure;

  private ReverseStream(HttpClient http, HttpRequest request) {
    Flow.Subscriber<String> subscriber =
        new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(String line) {
            lines.add(line);
          }

          @Override
          public void onError(Throwable t) {
            failure = t;
            lines.add(END);
          }

          @Override
          public void onComplete() {
            lines.add(END);
          }
        };
    response =
        http.sendAsync(
            request,
            info -> {
              head.complete(info);
              return HttpResponse.BodySubscribers.fromLineSubscriber(subscriber);
            });
    response.whenComplete(
        (r, t) -> {
          if (t != null) {
            failure = t;
            head.completeExceptionally(t);
            lines.add(END);
          }
        });
  }

  static ReverseStream open(HttpClient http, HttpRequest request) {
    return new ReverseStream(http, request);
  }

  /** Status and headers, once they have arrived (the body may still be streaming). */
  public HttpResponse.ResponseInfo response() {
    try {
      return head.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no response headers", e);
    }
  }

  /** The next non-empty line as JSON, or null when the response has ended. */
  public JsonObject next() {
    while (true) {
      String line = nextLine();
      if (line == null) {
        return null;
      }
      if (!line.isBlank()) {
        return JsonParser.parseString(line).getAsJsonObject();
      }
    }
  }

  /** The next line that is not a heartbeat, or null at the end. */
  public JsonObject nextSkippingHeartbeats() {
    while (true) {
      JsonObject line = next();
      if (line == null || !line.has("hb")) {
        return line;
      }
    }
  }

  private String nextLine() {
    try {
      String line = lines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (line == null) {
        throw new AssertionError("no line within " + WAIT);
      }
      if (line.equals(END)) {
        lines.add(END);
        return null;
      }
      return line;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Whether the response ended with a broken connection rather than normally. */
  public Throwable failure() {
    return failure;
  }

  /** Drops the connection, like a page navigating away mid-response. */
  @Override
  public void close() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    response.cancel(true);
  }
}

package io.duplex.servlet.internal.call;

import io.duplex.internal.protocol.Call;
import io.duplex.internal.protocol.CallBatchRequest;
import io.duplex.internal.protocol.CallOutcome;
import io.duplex.internal.protocol.ErrorCode;
import io.duplex.internal.protocol.ErrorInfo;
import io.duplex.internal.protocol.Incident;
import io.duplex.internal.protocol.IncidentLog;
import io.duplex.internal.protocol.ProtocolException;
import io.duplex.internal.protocol.ResponseBuffer;
import io.duplex.internal.protocol.ResponseWriter;
import io.duplex.internal.remote.CallDispatcher;
import io.duplex.internal.remote.InvocationContext;
import io.duplex.internal.reverse.OutboundQueue;
import io.duplex.internal.reverse.ScriptSessionImpl;
import io.duplex.servlet.internal.HttpResponses;
import io.duplex.servlet.internal.security.SessionGuard;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /call}: runs a checked batch in order and answers once every call has finished. When
 * a call returns an unfinished future the request goes async and its thread is released; the answer
 * is written when the last future completes.
 */
public final class CallHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CallHandler.class);
  private static final IncidentLog INCIDENTS = new IncidentLog(LOG);

  private final CallDispatcher dispatcher;
  private final ResponseWriter writer;
  private final int maxCallsPerBatch;
  /** How long an async batch waits for its futures (setting asyncCallTimeoutMillis). */
  private final long asyncTimeoutMillis;
  private final boolean debug;

  public CallHandler(
      CallDispatcher dispatcher, ResponseWriter writer, int maxCallsPerBatch, long asyncTimeoutMillis, boolean debug) {
    this.dispatcher = dispatcher;
    this.writer = writer;
    this.maxCallsPerBatch = maxCallsPerBatch;
    this.asyncTimeoutMillis = asyncTimeoutMillis;
    this.debug = debug;
  }

  long asyncTimeoutMillis() {
    return asyncTimeoutMillis;
  }

  public void handle(
      CallBatchRequest batch, SessionGuard.Checked checked, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ScriptSessionImpl session = checked.scriptSession();
    List<Call> calls = batch.calls();
    List<CompletableFuture<CallOutcome>> futures = start(batch, session, context(checked, request, response));
    if (futures.stream().allMatch(CompletableFuture::isDone)) {
      respond(response, calls, futures, session.queue(), batch.ack());
    } else {
      new PendingBatch(this, calls, futures, session.queue(), batch.ack()).start(request, response);
    }
  }

  /**
   * The transport-neutral part of a batch, for a WebSocket: runs it like {@link #handle} and
   * completes with its outcomes, in order, once every call finished (or asyncCallTimeoutMillis
   * passed: unfinished calls then answer SERVER_ERROR).
   *
   * @throws ProtocolException TOO_MANY_CALLS; nothing ran
   */
  public CompletableFuture<List<CallOutcome>> run(
      CallBatchRequest batch, ScriptSessionImpl session, InvocationContext context) {
    List<Call> calls = batch.calls();
    List<CompletableFuture<CallOutcome>> futures = start(batch, session, context);
    CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    if (!all.isDone()) {
      all = all.completeOnTimeout(null, asyncTimeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
    return all.handle((ignored, failure) -> outcomes(calls, futures));
  }

  /**
   * The context of a call made on a WebSocket: the user and roles its upgrade request had, its HTTP
   * session; no servlet request or response to inject.
   */
  public static InvocationContext socketContext(
      SessionGuard.Checked checked, java.security.Principal user, java.util.function.Predicate<String> roles) {
    HttpSession http = checked.httpSession();
    return new InvocationContext(
        checked.scriptSession(),
        user,
        roles,
        new HttpSessionAttributes(http, checked.state().lock()),
        new RequestAttributes(),
        Map.of(HttpSession.class, http));
  }

  /** Checks the batch's size, acknowledges, and starts its calls in order. */
  private List<CompletableFuture<CallOutcome>> start(
      CallBatchRequest batch, ScriptSessionImpl session, InvocationContext context) {
    List<Call> calls = batch.calls();
    if (calls.size() > maxCallsPerBatch) {
      throw new ProtocolException(
          ErrorCode.TOO_MANY_CALLS,
          "The batch has " + calls.size() + " calls; at most " + maxCallsPerBatch + " are allowed");
    }
    session.answered(batch.answers());
    session.touch();
    session.queue().acknowledge(batch.ack());
    List<CompletableFuture<CallOutcome>> futures = new ArrayList<>(calls.size());
    for (Call call : calls) {
      futures.add(invoke(call, context));
    }
    return futures;
  }

  private List<CallOutcome> outcomes(List<Call> calls, List<CompletableFuture<CallOutcome>> futures) {
    List<CallOutcome> outcomes = new ArrayList<>(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      outcomes.add(outcome(calls.get(i), futures.get(i)));
    }
    return outcomes;
  }

  void respond(
      HttpServletResponse response,
      List<Call> calls,
      List<CompletableFuture<CallOutcome>> futures,
      OutboundQueue queue,
      long ack)
      throws IOException {
    List<CallOutcome> outcomes = outcomes(calls, futures);
    ResponseBuffer body = new ResponseBuffer();
    writer.callResults(body, outcomes, queue, ack);
    HttpResponses.json(response, HttpServletResponse.SC_OK, body);
  }

  private static InvocationContext context(
      SessionGuard.Checked checked, HttpServletRequest request, HttpServletResponse response) {
    HttpSession http = checked.httpSession();
    return new InvocationContext(
        checked.scriptSession(),
        request.getUserPrincipal(),
        request::isUserInRole,
        new HttpSessionAttributes(http, checked.state().lock()),
        new RequestAttributes(),
        Map.of(
            HttpServletRequest.class, request,
            ServletRequest.class, request,
            HttpServletResponse.class, response,
            ServletResponse.class, response,
            HttpSession.class, http));
  }

  private CompletableFuture<CallOutcome> invoke(Call call, InvocationContext context) {
    try {
      CompletableFuture<CallOutcome> future = dispatcher.invoke(call, context);
      if (future != null) {
        return future;
      }
      return CompletableFuture.completedFuture(serverError(call, "no outcome", null));
    } catch (RuntimeException | StackOverflowError e) {
      return CompletableFuture.completedFuture(serverError(call, "dispatch failed", e));
    }
  }

  private CallOutcome outcome(Call call, CompletableFuture<CallOutcome> future) {
    if (!future.isDone()) {
      return serverError(call, "did not finish within asyncCallTimeoutMillis (" + asyncTimeoutMillis + " ms)", null);
    }
    try {
      CallOutcome outcome = future.join();
      return outcome != null ? outcome : serverError(call, "no outcome", null);
    } catch (CompletionException | CancellationException e) {
      return serverError(call, "failed", e.getCause() != null ? e.getCause() : e);
    }
  }

  private CallOutcome serverError(Call call, String what, Throwable cause) {
    String incident = Incident.newId();
    INCIDENTS.log(incident, call.service() + "." + call.method() + " " + what, cause);
    return CallOutcome.failure(
        call.id(),
        new ErrorInfo(
            ErrorCode.SERVER_ERROR.name(),
            "The call failed on the server (incident " + incident + ")",
            null,
            incident,
            debug && cause != null ? Incident.detail(cause) : null));
  }
}

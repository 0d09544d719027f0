package io.duplex.internal.remote;

import com.google.gson.JsonArray;
import io.duplex.CallContext;
import io.duplex.CallInterceptor;
import io.duplex.DuplexConfig;
import io.duplex.internal.MetricsListeners;
import io.duplex.internal.convert.JsonConverter;
import io.duplex.internal.protocol.Call;
import io.duplex.internal.protocol.CallOutcome;
import io.duplex.internal.protocol.ErrorCode;
import io.duplex.internal.protocol.ErrorInfo;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runs forward calls: resolves the method, checks roles, converts the arguments, gets the instance
 * of the service's scope, invokes, and turns the result or exception into a {@link CallOutcome}.
 * {@link CurrentCall} holds the context during conversion and invocation. Registered {@link
 * CallInterceptor}s run around the invocation (after roles and conversion), and every call to an
 * exposed method is reported to the {@link MetricsListeners} when its outcome is known.
 */
public final class CallDispatcher {
  private static final JsonArray NO_ARGS = new JsonArray();

  private final ServiceRegistry registry;
  private final CallErrors errors;
  /** Empty when none are registered: the call path then only checks the length. */
  private final CallInterceptor[] interceptors;
  private final MetricsListeners metrics;
  private volatile EngineCalls engineCalls;

  public CallDispatcher(
      ServiceRegistry registry,
      JsonConverter converter,
      DuplexConfig config,
      List<Class<? extends Throwable>> clientVisible) {
    this(registry, converter, config, clientVisible, List.of(), new MetricsListeners());
  }

  public CallDispatcher(
      ServiceRegistry registry,
      JsonConverter converter,
      DuplexConfig config,
      List<Class<? extends Throwable>> clientVisible,
      List<CallInterceptor> interceptors,
      MetricsListeners metrics) {
    this.registry = registry;
    this.errors = new CallErrors(config.debug(), clientVisible);
    this.interceptors = interceptors.toArray(new CallInterceptor[0]);
    this.metrics = metrics;
  }

  /** Serves calls to the reserved service {@code duplex} (set once, while the runtime is built). */
  public void engineCalls(EngineCalls calls) {
    this.engineCalls = calls;
  }

  /**
   * Runs one call; never throws. The future completes with the value or the error; for a method
   * returning a {@link CompletionStage} it completes when that stage does.
   */
  public CompletableFuture<CallOutcome> invoke(Call call, InvocationContext context) {
    if (metrics.isEmpty()) {
      return guarded(call, context);
    }
    long start = System.nanoTime();
    CompletableFuture<CallOutcome> outcome = guarded(call, context);
    if (isExposed(call)) {
      outcome.thenAccept(
          done -> metrics.callCompleted(
              call.service(), call.method(), done.failed() ? done.error().code() : null, System.nanoTime() - start));
    }
    return outcome;
  }

  private CompletableFuture<CallOutcome> guarded(Call call, InvocationContext context) {
    try {
      return dispatch(call, context);
    } catch (Throwable t) {
      String label = call == null ? "a call" : call.service() + "." + call.method();
      return failed(call == null ? 0 : call.id(), errors.serverError(label + " failed", t));
    }
  }

  /** Only names of exposed methods become metric tags, never arbitrary names sent by a page. */
  private boolean isExposed(Call call) {
    if (call == null) {
      return false;
    }
    ServiceDefinition service = registry.lookup(call.service());
    return service != null && service.method(call.method()) != null;
  }

  private CompletableFuture<CallOutcome> dispatch(Call call, InvocationContext context) {
    long id = call.id();
    EngineCalls engine = engineCalls;
    if (engine != null && EngineCalls.SERVICE.equals(call.service())) {
      return engine.invoke(call, context);
    }
    ServiceDefinition service = registry.lookup(call.service());
    if (service == null) {
      return failed(id, ErrorCode.UNKNOWN_SERVICE, "No service named \"" + call.service() + "\"");
    }
    MethodGroup group = service.method(call.method());
    if (group == null) {
      return failed(
          id, ErrorCode.UNKNOWN_METHOD, "Service \"" + service.name() + "\" has no method \"" + call.method() + "\"");
    }
    JsonArray args = call.args() == null ? NO_ARGS : call.args();
    Overloads overloads = group.withArity(args.size());
    if (overloads == null) {
      return failed(
          id,
          ErrorCode.UNKNOWN_METHOD,
          service.name() + "." + group.name + " takes " + group.arities() + " argument(s), not " + args.size());
    }
    if (overloads.rolesShared) {
      ErrorInfo refused = checkRoles(overloads.candidates[0], context);
      if (refused != null) {
        return failed(id, refused);
      }
    }
    CallContext previous = CurrentCall.set(context);
    try {
      return run(id, service, overloads, args, context);
    } finally {
      CurrentCall.set(previous);
    }
  }

  private CompletableFuture<CallOutcome> run(
      long id, ServiceDefinition service, Overloads overloads, JsonArray args, InvocationContext context) {
    String firstFailure = null;
    for (ExposedMethod candidate : overloads.candidates) {
      if (!overloads.single()) {
        // Startup made sure at most one candidate fits the arguments' JSON kinds.
        String mismatch = candidate.kindMismatch(args);
        if (mismatch != null) {
          firstFailure = firstFailure == null ? mismatch : firstFailure;
          continue;
        }
      }
      if (!overloads.rolesShared) {
        ErrorInfo refused = checkRoles(candidate, context);
        if (refused != null) {
          return failed(id, refused);
        }
      }
      Object[] values;
      try {
        values = candidate.bind(args, context);
      } catch (BadArgumentException e) {
        firstFailure = firstFailure == null ? e.getMessage() : firstFailure;
        continue;
      }
      return call(id, service, candidate, values, context);
    }
    return failed(id, ErrorCode.BAD_ARGUMENTS, firstFailure);
  }

  private CompletableFuture<CallOutcome> call(
      long id, ServiceDefinition service, ExposedMethod method, Object[] values, InvocationContext context) {
    Object target;
    try {
      target = service.instances().get(context);
    } catch (Throwable t) {
      return failed(id, errors.serverError("No instance of service \"" + service.name() + "\" for " + method.label, t));
    }
    Object result;
    try {
      result = interceptors.length == 0
          ? method.invoker.invoke(target, values)
          : new InterceptedCall(interceptors, method, target, values, context).proceed();
    } catch (Throwable t) {
      return failed(id, errors.thrown(method.label, t));
    }
    return outcome(id, method, result);
  }

  private CompletableFuture<CallOutcome> outcome(long id, ExposedMethod method, Object result) {
    ResultShape shape = method.result;
    switch (shape.kind) {
      case VOID:
        return CompletableFuture.completedFuture(CallOutcome.empty(id));
      case VALUE:
        return CompletableFuture.completedFuture(CallOutcome.success(id, result, shape.valueType));
      default:
        if (result == null) {
          return CompletableFuture.completedFuture(eventual(id, shape, null));
        }
        CompletableFuture<CallOutcome> outcome = new CompletableFuture<>();
        ((CompletionStage<?>) result)
            .whenComplete(
                (value, failure) -> {
                  try {
                    outcome.complete(
                        failure == null
                            ? eventual(id, shape, value)
                            : CallOutcome.failure(id, errors.thrown(method.label, failure)));
                  } catch (Throwable t) {
                    outcome.complete(CallOutcome.failure(id, errors.serverError(method.label + " failed", t)));
                  }
                });
        return outcome;
    }
  }

  private static CallOutcome eventual(long id, ResultShape shape, Object value) {
    return shape.futureOfVoid && value == null
        ? CallOutcome.empty(id)
        : CallOutcome.success(id, value, shape.valueType);
  }

  private static ErrorInfo checkRoles(ExposedMethod method, InvocationContext context) {
    if (!method.needsRole()) {
      return null;
    }
    if (context.user() == null) {
      return ErrorInfo.of(ErrorCode.UNAUTHENTICATED, method.label + " requires a signed-in user");
    }
    for (String role : method.roles) {
      if (context.isUserInRole(role)) {
        return null;
      }
    }
    return ErrorInfo.of(ErrorCode.FORBIDDEN, "Not allowed to call " + method.label);
  }

  private static CompletableFuture<CallOutcome> failed(long id, ErrorCode code, String message) {
    return failed(id, ErrorInfo.of(code, message));
  }

  private static CompletableFuture<CallOutcome> failed(long id, ErrorInfo error) {
    return CompletableFuture.completedFuture(CallOutcome.failure(id, error));
  }
}

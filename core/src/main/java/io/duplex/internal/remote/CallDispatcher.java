package io.duplex.internal.remote;

import io.duplex.DuplexConfig;
import io.duplex.internal.convert.JsonConverter;
import io.duplex.internal.protocol.Call;
import io.duplex.internal.protocol.CallOutcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** SEAM STUB — replaced by the remote implementation. */
public final class CallDispatcher {
  public CallDispatcher(
      ServiceRegistry registry,
      JsonConverter converter,
      DuplexConfig config,
      List<Class<? extends Throwable>> clientVisible) {}

  /** Runs one call; never throws; the future completes with a value or an error outcome. */
  public CompletableFuture<CallOutcome> invoke(Call call, InvocationContext context) {
    throw new UnsupportedOperationException("stub");
  }
}

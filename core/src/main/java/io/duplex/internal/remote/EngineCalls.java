package io.duplex.internal.remote;

import io.duplex.internal.protocol.Call;
import io.duplex.internal.protocol.CallOutcome;
import java.util.concurrent.CompletableFuture;

/**
 * Calls the engine makes of Duplex itself, under the service name {@code duplex}, which no
 * application service can take ({@link ServiceNames}): topic subscriptions (protocol section 4.8).
 * They ride on ordinary call batches, so every transport carries them with their results.
 */
public interface EngineCalls {
  /** The reserved service name. */
  String SERVICE = "duplex";

  /**
   * Runs one engine call; never throws.
   *
   * @return the outcome, completed
   */
  CompletableFuture<CallOutcome> invoke(Call call, InvocationContext context);
}

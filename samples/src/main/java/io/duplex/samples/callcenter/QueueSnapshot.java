package io.duplex.samples.callcenter;

import java.time.Instant;
import java.util.List;

/**
 * The waiting table at one version, longest waiting first, and the server's clock (pages use it to
 * correct their own when they compute waiting times).
 */
public record QueueSnapshot(long version, Instant serverNow, List<WaitingCaller> callers) {}

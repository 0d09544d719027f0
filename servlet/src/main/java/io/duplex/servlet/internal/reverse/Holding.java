package io.duplex.servlet.internal.reverse;

import io.duplex.internal.HeldConnectionCounters;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every held request of one servlet shares: the registry that sweeps them, the pumps that
 * write them, the executor for their few timers, how long each is held, and where they are counted.
 */
record Holding(
    HeldConnections registry,
    Pumps pumps,
    ScheduledExecutorService executor,
    long holdMillis,
    HeldConnectionCounters counts) {}

package io.duplex.servlet.internal.reverse;

import java.util.concurrent.ScheduledExecutorService;

/**
 * What every held request of one servlet shares: the registry that sweeps them, the pumps that
 * write them, the executor for their few timers, and how long each is held.
 */
record Holding(HeldConnections registry, Pumps pumps, ScheduledExecutorService executor, long holdMillis) {}

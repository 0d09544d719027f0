package io.duplex;

/**
 * The outbound queues of every open page of this node, summed now; from {@link Duplex#queues()}.
 *
 * @param pages the open pages counted
 * @param entries reverse calls queued and not yet acknowledged, over all pages
 * @param bytes their encoded size
 * @param maxDepth the deepest page queue (entries)
 * @param behind pages with a resync pending (their queue overflowed)
 */
public record QueueTotals(int pages, long entries, long bytes, int maxDepth, int behind) {}

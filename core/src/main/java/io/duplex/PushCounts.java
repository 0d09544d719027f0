package io.duplex;

/**
 * Reverse-call figures since the {@link Duplex} was built, for monitoring; a snapshot from {@link
 * Duplex#pushCounts()}.
 *
 * @param pushes pushes made ({@code call}, {@code send} or a proxy method on a set of pages), each
 *     counted once however many pages it reached
 * @param pagesReached the pages those pushes were queued to, summed (a push to 3 pages counts 3)
 * @param dropped reverse calls dropped from full page queues ({@code maxQueuedCalls}, {@code
 *     maxQueuedBytes})
 * @param resyncs times a page's queue overflowed while it was caught up, so that it will be told to
 *     resync
 */
public record PushCounts(long pushes, long pagesReached, long dropped, long resyncs) {}

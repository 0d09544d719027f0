package io.duplex;

/**
 * A snapshot of one page's outbound queue of reverse calls.
 *
 * @param depth calls queued and not yet acknowledged by the page
 * @param bytes their encoded size
 * @param dropped calls dropped on overflow since the session began
 * @param behind whether the page has a resync pending (it missed dropped calls)
 * @param lastSeq sequence number of the newest queued call
 * @param ackedSeq highest sequence number the page acknowledged
 */
public record QueueStats(int depth, long bytes, long dropped, boolean behind, long lastSeq, long ackedSeq) {}

package io.duplex.samples.rater;

import java.time.Instant;

/**
 * The talk on stage now and the one after it. Pages draw the progress bar from the start and end
 * times themselves; the server pushes only when the talk changes.
 */
public record LiveSlot(long version, String talkId, Instant startedAt, Instant endsAt, String nextTalkId) {}

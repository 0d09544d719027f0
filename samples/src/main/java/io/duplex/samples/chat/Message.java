package io.duplex.samples.chat;

import java.time.Instant;

/** One chat line. Ids grow by one per message, so a page can merge history and pushes by id. */
public record Message(long id, String from, String text, Instant at) {}

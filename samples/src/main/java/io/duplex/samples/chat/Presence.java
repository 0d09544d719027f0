package io.duplex.samples.chat;

import java.util.List;

/**
 * Who is in the chat: the distinct nicknames of open, joined chat pages, sorted. The version grows
 * with every change, so a page keeps the newest list whatever order a snapshot and a push arrive in.
 */
public record Presence(long version, List<String> nicknames) {}

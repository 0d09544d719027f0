package io.duplex.samples.chat;

/** The answer to a join: the nickname as the chat will show it, and who is here now. */
public record Joined(String nickname, Presence presence) {}

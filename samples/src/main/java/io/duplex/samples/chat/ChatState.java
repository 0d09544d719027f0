package io.duplex.samples.chat;

import java.util.List;

/** What a page needs to show the chat: recent messages, oldest first, and who is here. */
public record ChatState(List<Message> history, Presence presence) {}

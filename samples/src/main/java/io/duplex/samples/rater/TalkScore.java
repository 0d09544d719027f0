package io.duplex.samples.rater;

/**
 * A talk's ratings so far. The version grows with every vote on the talk, so a page keeps the
 * newest score whichever of a snapshot and a push arrives last.
 */
public record TalkScore(String talkId, long version, int votes, double average) {}

package io.duplex.samples.rater;

/** A talk as one voter sees it: its score and that voter's own stars (0 when not rated). */
public record RatedTalk(Talk talk, TalkScore score, int yourStars) {}

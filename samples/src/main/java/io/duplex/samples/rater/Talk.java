package io.duplex.samples.rater;

/** A conference talk that people can rate. */
public record Talk(String id, String title, String speaker, String track) {}

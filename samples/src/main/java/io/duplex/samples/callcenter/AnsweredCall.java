package io.duplex.samples.callcenter;

import java.time.Instant;

/** What the answering agent's form shows. */
public record AnsweredCall(long id, Instant arrivedAt, Instant answeredAt, String agent, CallerProfile caller) {}

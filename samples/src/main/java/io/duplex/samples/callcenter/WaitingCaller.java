package io.duplex.samples.callcenter;

import java.time.Instant;

/**
 * A row of the waiting table. Pages compute the waiting time from {@code arrivedAt} themselves.
 *
 * @param version the queue's version after this caller arrived
 * @param name null when unknown (the table shows "?")
 */
public record WaitingCaller(long id, long version, Instant arrivedAt, String number, String name) {}

package io.duplex.samples.callcenter;

/**
 * What the call center knows about a caller. Only the agent who answers sees all of it; the shared
 * table shows the number and (when known) the name.
 *
 * @param name null when the caller is not a known customer yet
 */
public record CallerProfile(String number, String name, String address, String event, String payment, String notes) {}

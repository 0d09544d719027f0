package io.duplex.samples.callcenter;

/** A caller left the waiting table: answered by an agent or hung up. */
public record CallerLeft(long id, long version, Reason reason, String agent) {
  public enum Reason { ANSWERED, HUNG_UP }
}

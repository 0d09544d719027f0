package io.duplex.samples.callcenter;

import io.duplex.ClientVisible;

/** Why an agent could not answer a call. */
public final class ClaimRejected {
  private ClaimRejected() {}

  /** Another agent answered first. */
  @ClientVisible(code = "CALL_ALREADY_TAKEN")
  public static final class CallAlreadyTaken extends RuntimeException {
    CallAlreadyTaken(String number, String agent) {
      super(agent + " already answered the call from " + number);
    }
  }

  /** The caller hung up (or never existed). */
  @ClientVisible(code = "CALLER_GONE")
  public static final class CallerGone extends RuntimeException {
    CallerGone() {
      super("That caller is no longer waiting");
    }
  }
}

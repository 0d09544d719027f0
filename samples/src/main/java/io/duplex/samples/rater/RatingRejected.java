package io.duplex.samples.rater;

import io.duplex.ClientVisible;

/** Why a rating was refused. */
public final class RatingRejected {
  private RatingRejected() {}

  @ClientVisible(code = "STARS_OUT_OF_RANGE")
  public static final class StarsOutOfRange extends RuntimeException {
    StarsOutOfRange(int stars) {
      super("A rating is 1 to 5 stars, not " + stars);
    }
  }

  @ClientVisible(code = "UNKNOWN_TALK")
  public static final class UnknownTalk extends RuntimeException {
    UnknownTalk(String talkId) {
      super("There is no talk '" + talkId + "'");
    }
  }
}

package io.duplex.samples.rater;

/**
 * A talk's ratings so far. The version grows with every vote on the talk, so a page keeps the
 * newest score whichever of a snapshot and a push arrives last.
 */
public record TalkScore(String talkId, long version, int votes, double average) {
  /**
   * @param talkId the talk
   * @param version grows with every vote on it
   * @param votes how many voters
   * @param sum their stars added up
   * @return the score, its average rounded to two decimals
   */
  public static TalkScore of(String talkId, long version, int votes, long sum) {
    return new TalkScore(talkId, version, votes, votes == 0 ? 0 : Math.round(sum * 100.0 / votes) / 100.0);
  }
}

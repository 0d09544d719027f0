package io.duplex.samples.rater;

import java.time.Instant;

/** Where the rater's votes and the talk on stage live: this process ({@link MemoryRaterStore}) or Redis. */
public interface RaterStore {
  /**
   * Records a voter's stars for a talk, replacing their earlier vote.
   *
   * @param talkId a known talk
   * @param voter who votes
   * @param stars 1 to 5
   * @return the talk's score after the vote, and whether the vote changed it
   */
  Scored rate(String talkId, String voter, int stars);

  /**
   * @param talkId a known talk
   * @return its score now
   */
  TalkScore score(String talkId);

  /**
   * @param talkId a known talk
   * @param voter who asks
   * @return the voter's stars for the talk, 0 when they have not voted
   */
  int stars(String talkId, String voter);

  /** {@return the talk on stage} */
  Stage stage();

  /**
   * Puts the next talk on stage.
   *
   * @param talks how many talks there are (after the last comes the first)
   * @param now when it starts
   * @return the new stage
   */
  Stage advance(int talks, Instant now);

  /**
   * A score after a vote.
   *
   * @param score the talk's score
   * @param changed false when the voter gave the same stars again
   */
  record Scored(TalkScore score, boolean changed) {}

  /**
   * The talk on stage.
   *
   * @param version grows with every change
   * @param index the talk's position in the programme
   * @param startedAt when it started
   */
  record Stage(long version, int index, Instant startedAt) {}
}

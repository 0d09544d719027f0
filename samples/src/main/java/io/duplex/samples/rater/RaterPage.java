package io.duplex.samples.rater;

import io.duplex.ScriptName;

/** The JavaScript object {@code rater} in every session-rater page. */
@ScriptName("rater")
public interface RaterPage {
  /** A talk's average and vote count changed. */
  void scoreChanged(TalkScore score);

  /** Another talk went on stage. */
  void nowPlaying(LiveSlot slot);
}

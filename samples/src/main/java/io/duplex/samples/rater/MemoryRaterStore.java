package io.duplex.samples.rater;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The rater's votes in this process. Each talk's votes are guarded by their own lock. */
public final class MemoryRaterStore implements RaterStore {
  private final Map<String, Votes> votes = new HashMap<>();
  private final Object stageLock = new Object();
  private Stage stage;

  /**
   * @param talks the programme
   * @param now when the first talk started
   */
  public MemoryRaterStore(List<Talk> talks, Instant now) {
    for (Talk talk : talks) {
      votes.put(talk.id(), new Votes(talk.id()));
    }
    stage = new Stage(1, 0, now);
  }

  @Override
  public Scored rate(String talkId, String voter, int stars) {
    Votes talk = votes.get(talkId);
    synchronized (talk) {
      Integer previous = talk.byVoter.put(voter, stars);
      if (previous != null && previous == stars) {
        return new Scored(talk.score(), false);
      }
      talk.sum += stars - (previous == null ? 0 : previous);
      talk.version++;
      return new Scored(talk.score(), true);
    }
  }

  @Override
  public TalkScore score(String talkId) {
    Votes talk = votes.get(talkId);
    synchronized (talk) {
      return talk.score();
    }
  }

  @Override
  public int stars(String talkId, String voter) {
    Votes talk = votes.get(talkId);
    synchronized (talk) {
      return talk.byVoter.getOrDefault(voter, 0);
    }
  }

  @Override
  public Stage stage() {
    synchronized (stageLock) {
      return stage;
    }
  }

  @Override
  public Stage advance(int talks, Instant now) {
    synchronized (stageLock) {
      stage = new Stage(stage.version() + 1, (stage.index() + 1) % talks, now);
      return stage;
    }
  }

  /** One talk's votes; guarded by itself. */
  private static final class Votes {
    final String talkId;
    final Map<String, Integer> byVoter = new HashMap<>();
    long sum;
    long version;

    Votes(String talkId) {
      this.talkId = talkId;
    }

    TalkScore score() {
      return TalkScore.of(talkId, version, byVoter.size(), sum);
    }
  }
}

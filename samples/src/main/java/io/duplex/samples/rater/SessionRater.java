package io.duplex.samples.rater;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Votes per talk (one per voter; rating again replaces the earlier vote) and the talk on stage.
 * Each talk has its own lock, so votes on different talks do not wait for each other; a talk's new
 * score is pushed while its lock is held, so pages see that talk's scores in order.
 */
public final class SessionRater {
  private final RaterPage pages;
  private final Clock clock;
  private final Duration slotLength;
  private final List<Talk> talks;
  private final Map<String, Votes> votes = new LinkedHashMap<>();
  private final Object liveLock = new Object();
  private LiveSlot live;
  private int liveIndex;

  public SessionRater(RaterPage pages, List<Talk> talks, Clock clock, Duration slotLength) {
    if (talks.size() < 2) {
      throw new IllegalArgumentException("the live section needs at least two talks");
    }
    this.pages = pages;
    this.clock = clock;
    this.slotLength = slotLength;
    this.talks = List.copyOf(talks);
    for (Talk talk : this.talks) {
      votes.put(talk.id(), new Votes(talk.id()));
    }
    synchronized (liveLock) {
      live = slot(1, 0);
    }
  }

  /** Records {@code voter}'s stars for the talk, pushes the talk's new score and returns it. */
  public TalkScore rate(String talkId, String voter, int stars) {
    if (stars < 1 || stars > 5) {
      throw new RatingRejected.StarsOutOfRange(stars);
    }
    Votes talk = votesOf(talkId);
    synchronized (talk) {
      Integer previous = talk.byVoter.put(voter, stars);
      if (previous != null && previous == stars) {
        return talk.score();
      }
      talk.sum += stars - (previous == null ? 0 : previous);
      talk.version++;
      TalkScore score = talk.score();
      pages.scoreChanged(score);
      return score;
    }
  }

  public TalkScore score(String talkId) {
    Votes talk = votesOf(talkId);
    synchronized (talk) {
      return talk.score();
    }
  }

  /** The talks with their scores and {@code voter}'s own stars, and the live slot. */
  public RaterSnapshot snapshot(String voter) {
    List<RatedTalk> rated = new ArrayList<>(talks.size());
    for (Talk talk : talks) {
      Votes v = votes.get(talk.id());
      synchronized (v) {
        rated.add(new RatedTalk(talk, v.score(), v.byVoter.getOrDefault(voter, 0)));
      }
    }
    return new RaterSnapshot(rated, live(), clock.instant());
  }

  public LiveSlot live() {
    synchronized (liveLock) {
      return live;
    }
  }

  /** Puts the next talk on stage (after the last comes the first) and tells every page. */
  public LiveSlot advanceLive() {
    synchronized (liveLock) {
      liveIndex = (liveIndex + 1) % talks.size();
      live = slot(live.version() + 1, liveIndex);
      pages.nowPlaying(live);
      return live;
    }
  }

  private LiveSlot slot(long version, int index) {
    Instant now = clock.instant();
    return new LiveSlot(
        version,
        talks.get(index).id(),
        now,
        now.plus(slotLength),
        talks.get((index + 1) % talks.size()).id());
  }

  private Votes votesOf(String talkId) {
    Votes talk = talkId == null ? null : votes.get(talkId);
    if (talk == null) {
      throw new RatingRejected.UnknownTalk(talkId);
    }
    return talk;
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
      int count = byVoter.size();
      double average = count == 0 ? 0 : Math.round(sum * 100.0 / count) / 100.0;
      return new TalkScore(talkId, version, count, average);
    }
  }
}

package io.duplex.samples.rater;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Votes per talk (one per voter; rating again replaces the earlier vote) and the talk on stage, kept
 * in a {@link RaterStore}. Each talk has its own lock, so votes on different talks do not wait for
 * each other; a talk's new score is pushed while its lock is held, so pages see this process's
 * scores of that talk in order (and, with a shared store, the newest by its version).
 */
public final class SessionRater {
  private final RaterPage pages;
  private final Clock clock;
  private final Duration slotLength;
  private final List<Talk> talks;
  private final RaterStore store;
  private final Map<String, Object> talkLocks = new HashMap<>();
  private final Object liveLock = new Object();

  public SessionRater(RaterPage pages, List<Talk> talks, Clock clock, Duration slotLength) {
    this(pages, talks, clock, slotLength, new MemoryRaterStore(talks, clock.instant()));
  }

  /** A rater on the given state: {@link MemoryRaterStore}, or Redis when processes share one rater. */
  public SessionRater(RaterPage pages, List<Talk> talks, Clock clock, Duration slotLength, RaterStore store) {
    if (talks.size() < 2) {
      throw new IllegalArgumentException("the live section needs at least two talks");
    }
    this.pages = pages;
    this.clock = clock;
    this.slotLength = slotLength;
    this.talks = List.copyOf(talks);
    this.store = store;
    for (Talk talk : this.talks) {
      talkLocks.put(talk.id(), new Object());
    }
  }

  /** Records {@code voter}'s stars for the talk, pushes the talk's new score and returns it. */
  public TalkScore rate(String talkId, String voter, int stars) {
    if (stars < 1 || stars > 5) {
      throw new RatingRejected.StarsOutOfRange(stars);
    }
    synchronized (lockOf(talkId)) {
      RaterStore.Scored vote = store.rate(talkId, voter, stars);
      if (vote.changed()) {
        pages.scoreChanged(vote.score());
      }
      return vote.score();
    }
  }

  public TalkScore score(String talkId) {
    synchronized (lockOf(talkId)) {
      return store.score(talkId);
    }
  }

  /** The talks with their scores and {@code voter}'s own stars, and the live slot. */
  public RaterSnapshot snapshot(String voter) {
    List<RatedTalk> rated = new ArrayList<>(talks.size());
    for (Talk talk : talks) {
      synchronized (lockOf(talk.id())) {
        rated.add(new RatedTalk(talk, store.score(talk.id()), store.stars(talk.id(), voter)));
      }
    }
    return new RaterSnapshot(rated, live(), clock.instant());
  }

  public LiveSlot live() {
    synchronized (liveLock) {
      return slot(store.stage());
    }
  }

  /** Puts the next talk on stage (after the last comes the first) and tells every page. */
  public LiveSlot advanceLive() {
    synchronized (liveLock) {
      LiveSlot live = slot(store.advance(talks.size(), clock.instant()));
      pages.nowPlaying(live);
      return live;
    }
  }

  private LiveSlot slot(RaterStore.Stage stage) {
    int index = stage.index() % talks.size();
    return new LiveSlot(
        stage.version(),
        talks.get(index).id(),
        stage.startedAt(),
        stage.startedAt().plus(slotLength),
        talks.get((index + 1) % talks.size()).id());
  }

  private Object lockOf(String talkId) {
    Object lock = talkId == null ? null : talkLocks.get(talkId);
    if (lock == null) {
      throw new RatingRejected.UnknownTalk(talkId);
    }
    return lock;
  }
}

package io.duplex.samples.rater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.duplex.samples.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SessionRaterTest {
  static final class RecordingRaterPages implements RaterPage {
    final List<TalkScore> scores = new ArrayList<>();
    final List<LiveSlot> slots = new ArrayList<>();

    @Override
    public synchronized void scoreChanged(TalkScore score) {
      scores.add(score);
    }

    @Override
    public synchronized void nowPlaying(LiveSlot slot) {
      slots.add(slot);
    }
  }

  private static final List<Talk> TALKS =
      List.of(new Talk("a", "A", "Ann", "Dev"), new Talk("b", "B", "Bob", "Dev"), new Talk("c", "C", "Cy", "Ops"));

  private final RecordingRaterPages pages = new RecordingRaterPages();
  private final TestClock clock = new TestClock(Instant.parse("2026-11-24T09:00:00Z"));
  private final SessionRater rater = new SessionRater(pages, TALKS, clock, Duration.ofMinutes(45));

  @Test
  void theAverageIsOverOneVotePerVoter() {
    rater.rate("a", "ann", 5);
    rater.rate("a", "bob", 2);
    TalkScore score = rater.rate("a", "cy", 2);

    assertEquals(3, score.votes());
    assertEquals(3.0, score.average());
    assertEquals(List.of(5.0, 3.5, 3.0), pages.scores.stream().map(TalkScore::average).toList());
  }

  @Test
  void ratingAgainReplacesTheEarlierVote() {
    rater.rate("a", "ann", 1);
    rater.rate("a", "bob", 4);
    TalkScore score = rater.rate("a", "ann", 5);

    assertEquals(2, score.votes());
    assertEquals(4.5, score.average());
    assertEquals(5, rater.snapshot("ann").talks().get(0).yourStars());
    assertEquals(0, rater.snapshot("cy").talks().get(0).yourStars());
  }

  @Test
  void averagesAreRoundedToTwoDecimals() {
    rater.rate("b", "ann", 5);
    rater.rate("b", "bob", 5);
    assertEquals(4.67, rater.rate("b", "cy", 4).average());
  }

  @Test
  void everyChangeGetsANewVersionPerTalk() {
    assertEquals(1, rater.rate("a", "ann", 3).version());
    assertEquals(2, rater.rate("a", "ann", 4).version());
    assertEquals(1, rater.rate("b", "ann", 4).version());
  }

  @Test
  void repeatingTheSameRatingPushesNothing() {
    rater.rate("a", "ann", 3);
    rater.rate("a", "ann", 3);
    assertEquals(1, pages.scores.size());
  }

  @Test
  void outOfRangeStarsAndUnknownTalksAreRefused() {
    assertThrows(RatingRejected.StarsOutOfRange.class, () -> rater.rate("a", "ann", 0));
    assertThrows(RatingRejected.StarsOutOfRange.class, () -> rater.rate("a", "ann", 6));
    assertThrows(RatingRejected.UnknownTalk.class, () -> rater.rate("zzz", "ann", 3));
    assertThrows(RatingRejected.UnknownTalk.class, () -> rater.rate(null, "ann", 3));
    assertEquals(List.of(), pages.scores);
  }

  @Test
  void concurrentVotersAreAllCounted() throws Exception {
    int voters = 200;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < voters; i++) {
      String voter = "v" + i;
      int stars = i % 2 == 0 ? 2 : 4;
      done.add(pool.submit(() -> {
        go.await();
        return rater.rate("c", voter, stars);
      }));
    }
    go.countDown();
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();

    TalkScore score = rater.score("c");
    assertEquals(voters, score.votes());
    assertEquals(3.0, score.average());
    assertEquals(voters, score.version());
    // Pushed while the talk's lock was held: the pages saw the versions in order.
    assertEquals(
        java.util.stream.LongStream.rangeClosed(1, voters).boxed().toList(),
        pages.scores.stream().map(TalkScore::version).toList());
  }

  @Test
  void theLiveSectionMovesToTheNextTalkAndWraps() {
    LiveSlot first = rater.live();
    assertEquals("a", first.talkId());
    assertEquals("b", first.nextTalkId());
    assertEquals(Instant.parse("2026-11-24T09:45:00Z"), first.endsAt());

    clock.advance(Duration.ofMinutes(45));
    LiveSlot second = rater.advanceLive();
    assertEquals("b", second.talkId());
    assertEquals(Instant.parse("2026-11-24T09:45:00Z"), second.startedAt());
    rater.advanceLive();
    LiveSlot wrapped = rater.advanceLive();
    assertEquals("a", wrapped.talkId());
    assertEquals(List.of(2L, 3L, 4L), pages.slots.stream().map(LiveSlot::version).toList());
    assertEquals(wrapped, rater.snapshot("ann").live());
  }
}

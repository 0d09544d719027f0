package io.duplex.samples.callcenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.samples.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CallQueueTest {
  /** Everything pushed to the agent pages, in order. */
  static final class RecordingAgentPages implements CallCenterPage {
    final List<Object> events = new ArrayList<>();

    @Override
    public synchronized void callerArrived(WaitingCaller caller) {
      events.add(caller);
    }

    @Override
    public synchronized void callerLeft(CallerLeft left) {
      events.add(left);
    }

    synchronized List<Long> versions() {
      return events.stream()
          .map(e -> e instanceof WaitingCaller w ? w.version() : ((CallerLeft) e).version())
          .toList();
    }
  }

  private static final CallerProfile JIM =
      new CallerProfile("+1 (166) 261 - 7232", "Jim Wilkinson", "1 High Street", "JavaOne", "Visa", "");
  private static final CallerProfile STRANGER =
      new CallerProfile("+44 (0) 1506 764215", null, "", "Devoxx", "", "New caller");

  private final RecordingAgentPages pages = new RecordingAgentPages();
  private final TestClock clock = new TestClock(Instant.parse("2026-11-24T09:00:00Z"));
  private final CallQueue queue = new CallQueue(pages, clock, 3, Duration.ofMinutes(5));

  @Test
  void anArrivingCallerIsPushedToEveryAgentWithoutPrivateDetails() {
    WaitingCaller row = queue.arrive(JIM).orElseThrow();

    assertEquals(new WaitingCaller(1, 1, clock.instant(), JIM.number(), "Jim Wilkinson"), row);
    assertEquals(List.of(row), pages.events);
    assertEquals(List.of(row), queue.snapshot().callers());
  }

  @Test
  void theTableHoldsAtMostMaxWaiting() {
    for (int i = 0; i < 3; i++) {
      assertTrue(queue.arrive(STRANGER).isPresent());
    }
    assertEquals(Optional.empty(), queue.arrive(JIM));
    assertEquals(3, queue.waitingCount());
    assertEquals(3, pages.events.size());
  }

  @Test
  void theSnapshotListsLongestWaitingFirst() {
    queue.arrive(JIM);
    queue.arrive(STRANGER, Duration.ofMinutes(2));
    clock.advance(Duration.ofSeconds(30));

    QueueSnapshot snapshot = queue.snapshot();
    assertEquals(2, snapshot.version());
    assertEquals(clock.instant(), snapshot.serverNow());
    assertEquals(List.of(1L, 2L), snapshot.callers().stream().map(WaitingCaller::id).toList());
    assertEquals(Instant.parse("2026-11-24T08:58:00Z"), snapshot.callers().get(1).arrivedAt());
  }

  @Test
  void theAnsweringAgentGetsTheDetailsAndEveryTableLosesTheRow() {
    long id = queue.arrive(JIM).orElseThrow().id();
    clock.advance(Duration.ofSeconds(40));

    AnsweredCall call = queue.claim(id, "Ann");

    assertEquals(JIM, call.caller());
    assertEquals("Ann", call.agent());
    assertEquals(Duration.ofSeconds(40), Duration.between(call.arrivedAt(), call.answeredAt()));
    assertEquals(new CallerLeft(id, 2, CallerLeft.Reason.ANSWERED, "Ann"), pages.events.get(1));
    assertEquals(List.of(), queue.snapshot().callers());
  }

  @Test
  void aSecondAgentHearsWhoAnsweredFirst() {
    long id = queue.arrive(JIM).orElseThrow().id();
    queue.claim(id, "Ann");

    ClaimRejected.CallAlreadyTaken late =
        assertThrows(ClaimRejected.CallAlreadyTaken.class, () -> queue.claim(id, "Bob"));
    assertEquals("Ann already answered the call from +1 (166) 261 - 7232", late.getMessage());
    assertEquals(2, pages.events.size());
  }

  @Test
  void claimingAnUnknownOrHungUpCallerSaysTheyAreGone() {
    assertThrows(ClaimRejected.CallerGone.class, () -> queue.claim(99, "Ann"));
    long id = queue.arrive(JIM).orElseThrow().id();
    clock.advance(Duration.ofMinutes(6));
    queue.hangUpImpatient();
    assertThrows(ClaimRejected.CallerGone.class, () -> queue.claim(id, "Ann"));
  }

  @Test
  void onlyCallersWhoWaitedPastTheirPatienceHangUp() {
    long early = queue.arrive(JIM, Duration.ofMinutes(4)).orElseThrow().id();
    long late = queue.arrive(STRANGER).orElseThrow().id();
    clock.advance(Duration.ofSeconds(61));

    assertEquals(1, queue.hangUpImpatient());
    assertEquals(new CallerLeft(early, 3, CallerLeft.Reason.HUNG_UP, null), pages.events.get(2));
    assertEquals(List.of(late), queue.snapshot().callers().stream().map(WaitingCaller::id).toList());
  }

  @Test
  void manyAgentsClaimingTheSameCallAtOnceGiveItToExactlyOne() throws Exception {
    long id = queue.arrive(JIM).orElseThrow().id();
    int agents = 16;
    ExecutorService pool = Executors.newFixedThreadPool(agents);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<AnsweredCall>> attempts = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      String agent = "agent-" + i;
      attempts.add(pool.submit(() -> {
        go.await();
        return queue.claim(id, agent);
      }));
    }
    go.countDown();
    List<String> winners = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    for (Future<AnsweredCall> attempt : attempts) {
      try {
        winners.add(attempt.get().agent());
      } catch (ExecutionException e) {
        assertTrue(e.getCause() instanceof ClaimRejected.CallAlreadyTaken, e.getCause().toString());
        refusals.add(e.getCause().getMessage());
      }
    }
    pool.shutdown();

    assertEquals(1, winners.size());
    assertEquals(agents - 1, refusals.size());
    String expected = winners.get(0) + " already answered the call from " + JIM.number();
    assertTrue(refusals.stream().allMatch(expected::equals), refusals.toString());
    long removals = pages.events.stream().filter(e -> e instanceof CallerLeft).count();
    assertEquals(1, removals);
  }

  @Test
  void everyPushCarriesTheNextVersion() {
    long a = queue.arrive(JIM).orElseThrow().id();
    queue.arrive(STRANGER);
    queue.claim(a, "Ann");
    queue.arrive(JIM);
    assertEquals(List.of(1L, 2L, 3L, 4L), pages.versions());
    assertEquals(4, queue.snapshot().version());
  }
}

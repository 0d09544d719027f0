package io.duplex.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.redis.RedisProcess;
import io.duplex.samples.callcenter.CallStore;
import io.duplex.samples.callcenter.CallerLeft;
import io.duplex.samples.callcenter.CallerProfile;
import io.duplex.samples.callcenter.QueueSnapshot;
import io.duplex.samples.callcenter.RedisCallStore;
import io.duplex.samples.chat.ChatStore;
import io.duplex.samples.chat.Message;
import io.duplex.samples.chat.RedisChatStore;
import io.duplex.samples.rater.RaterStore;
import io.duplex.samples.rater.RedisRaterStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two processes' stores on one real Redis (two connections, as two sample processes have). */
class SharedRedisStoresTest {
  private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
  private static final CallerProfile JIM = new CallerProfile("+44 1", "Jim", "1 High Street", "JavaOne", "Visa", "");
  private static final CallerProfile STRANGER = new CallerProfile("+1 2", null, "", "Devoxx", "", "New caller");

  private RedisProcess redis;
  private SharedRedis processA;
  private SharedRedis processB;
  private final TestClock clock = new TestClock(NOW);

  @BeforeEach
  void start() throws Exception {
    redis = RedisProcess.start();
    processA = SharedRedis.connect(redis.url());
    processB = SharedRedis.connect(redis.url());
  }

  @AfterEach
  void stop() {
    processA.close();
    processB.close();
    redis.close();
  }

  @Test
  void oneProcessLeadsTheSimulatorsUntilItsLeaseLapses() {
    assertTrue(processA.leads());
    assertFalse(processB.leads(), "A holds the lease");
    assertTrue(processA.leads(), "A renews it");
    // A stops renewing (as when it dies): B takes over once A's lease has lapsed, not before.
    long stopped = System.nanoTime();
    long deadline = stopped + SharedRedis.LEASE.plusSeconds(5).toNanos();
    while (!processB.leads()) {
      assertTrue(System.nanoTime() < deadline, "B did not take the lead");
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
    }
    assertTrue(System.nanoTime() - stopped >= SharedRedis.LEASE.minusMillis(100).toNanos(), "B waited for the lease");
    assertFalse(processA.leads(), "A, back, no longer leads");
  }

  @Test
  void chatIdsHistoryAndMembersAreOneForBothProcesses() {
    ChatStore a = new RedisChatStore(processA, clock, 3);
    RedisChatStore b = new RedisChatStore(processB, clock, 3);
    a.append("ann", "one", NOW);
    Message two = b.append("bob", "two \"quoted\" ünicode", NOW.plusSeconds(1));
    a.append("ann", "three", NOW);
    a.append("ann", "four", NOW);
    assertEquals(2, two.id());
    assertEquals(List.of(2L, 3L, 4L), b.history().stream().map(Message::id).toList());
    assertEquals(two, b.history().get(0));

    assertTrue(a.join("page-a", "ann").changed());
    ChatStore.Change bob = b.join("page-b", "bob");
    assertEquals(List.of("ann", "bob"), bob.presence().nicknames());
    assertFalse(a.join("page-a", "ann").changed(), "joining again under the same name changes nothing");

    // Process A dies: it stops touching its members; B drops them after the TTL and says so.
    clock.advance(RedisChatStore.MEMBER_TTL.minusSeconds(5));
    assertFalse(b.touch(List.of("page-b")).changed());
    clock.advance(Duration.ofSeconds(10));
    ChatStore.Change pruned = b.touch(List.of("page-b"));
    assertTrue(pruned.changed());
    assertEquals(List.of("bob"), pruned.presence().nicknames());
    assertTrue(pruned.presence().version() > bob.presence().version());
  }

  @Test
  void votesAndTheStageAreOneForBothProcesses() {
    RaterStore a = new RedisRaterStore(processA, NOW);
    RaterStore b = new RedisRaterStore(processB, NOW.plusSeconds(30));
    assertEquals(new RaterStore.Stage(1, 0, NOW), b.stage(), "the first process started the programme");
    assertTrue(a.rate("comet", "ann", 4).changed());
    RaterStore.Scored second = b.rate("comet", "bob", 1);
    assertEquals(2, second.score().votes());
    assertEquals(2.5, second.score().average());
    assertFalse(b.rate("comet", "ann", 4).changed(), "the same stars again change nothing");
    RaterStore.Scored replaced = a.rate("comet", "bob", 5);
    assertEquals(4.5, replaced.score().average());
    assertEquals(2, replaced.score().votes());
    assertEquals(5, b.stars("comet", "bob"));
    assertEquals(0, b.stars("ajax", "bob"));

    RaterStore.Stage next = b.advance(3, NOW.plusSeconds(45));
    assertEquals(new RaterStore.Stage(2, 1, NOW.plusSeconds(45)), next);
    assertEquals(next, a.stage());
  }

  @Test
  void oneAgentOfEitherProcessGetsEachCallerAndVersionsCountEveryChange() {
    CallStore a = new RedisCallStore(processA);
    CallStore b = new RedisCallStore(processB);
    long jim = a.arrive(JIM, NOW.minusSeconds(60), 2).orElseThrow().id();
    long stranger = b.arrive(STRANGER, NOW, 2).orElseThrow().id();
    assertTrue(a.arrive(JIM, NOW, 2).isEmpty(), "the table is full");

    QueueSnapshot seen = b.snapshot(NOW);
    assertEquals(2, seen.version());
    assertEquals(List.of(jim, stranger), seen.callers().stream().map(c -> c.id()).toList());
    assertNull(seen.callers().get(1).name());

    CallStore.Claim won = b.claim(jim, "Bob", NOW);
    assertEquals(JIM, won.answered().caller());
    assertEquals(NOW.minusSeconds(60), won.answered().arrivedAt());
    assertEquals(3, won.version());
    CallStore.Claim lost = a.claim(jim, "Ann", NOW);
    assertNull(lost.answered());
    assertEquals("Bob", lost.takenBy());
    assertEquals("+44 1", lost.takenNumber());

    List<CallerLeft> gone = a.hangUpArrivedBefore(NOW.plusSeconds(1));
    assertEquals(List.of(new CallerLeft(stranger, 4, CallerLeft.Reason.HUNG_UP, null)), gone);
    CallStore.Claim late = b.claim(stranger, "Bob", NOW);
    assertNull(late.answered());
    assertNull(late.takenBy(), "a caller who hung up is gone");
    assertEquals(0, b.waitingCount());
  }
}

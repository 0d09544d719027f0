package io.duplex.samples.callcenter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The callers waiting for an agent. Answering is first come, first served: the queue's lock makes
 * "is the caller still waiting? then take them" one step, so exactly one agent gets each call.
 * Every change is pushed to the agent pages while the lock is held and carries the queue's version,
 * so pages apply changes in order and can tell a stale snapshot from a newer push.
 */
public final class CallQueue {
  /** Answered calls remembered to tell a late agent who answered; older ones say "gone". */
  private static final int REMEMBERED_ANSWERS = 256;

  private final CallCenterPage pages;
  private final Clock clock;
  private final int maxWaiting;
  private final Duration patience;
  /** In arrival order, so the first entry has waited longest. */
  private final Map<Long, Waiting> waiting = new LinkedHashMap<>();
  private final Map<Long, AnsweredCall> answered =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, AnsweredCall> eldest) {
          return size() > REMEMBERED_ANSWERS;
        }
      };
  private long lastId;
  private long version;

  private record Waiting(WaitingCaller row, CallerProfile profile) {}

  public CallQueue(CallCenterPage pages, Clock clock, int maxWaiting, Duration patience) {
    this.pages = pages;
    this.clock = clock;
    this.maxWaiting = maxWaiting;
    this.patience = patience;
  }

  /** A caller rings now; empty when the table is full (the caller gets a busy tone). */
  public Optional<WaitingCaller> arrive(CallerProfile caller) {
    return arrive(caller, Duration.ZERO);
  }

  /** A caller who has already waited {@code waitedSoFar} (used to fill the table at start). */
  public synchronized Optional<WaitingCaller> arrive(CallerProfile caller, Duration waitedSoFar) {
    if (waiting.size() >= maxWaiting) {
      return Optional.empty();
    }
    WaitingCaller row =
        new WaitingCaller(++lastId, ++version, clock.instant().minus(waitedSoFar), caller.number(), caller.name());
    waiting.put(row.id(), new Waiting(row, caller));
    pages.callerArrived(row);
    return Optional.of(row);
  }

  /**
   * Gives the call to {@code agent} and takes it off every page's table.
   *
   * @throws ClaimRejected.CallAlreadyTaken when another agent answered it first
   * @throws ClaimRejected.CallerGone when the caller hung up or never existed
   */
  public synchronized AnsweredCall claim(long callerId, String agent) {
    Waiting call = waiting.remove(callerId);
    if (call == null) {
      AnsweredCall earlier = answered.get(callerId);
      if (earlier != null) {
        throw new ClaimRejected.CallAlreadyTaken(earlier.caller().number(), earlier.agent());
      }
      throw new ClaimRejected.CallerGone();
    }
    AnsweredCall answer = new AnsweredCall(callerId, call.row().arrivedAt(), clock.instant(), agent, call.profile());
    answered.put(callerId, answer);
    pages.callerLeft(new CallerLeft(callerId, ++version, CallerLeft.Reason.ANSWERED, agent));
    return answer;
  }

  /** Callers who waited longer than their patience hang up; returns how many did. */
  public synchronized int hangUpImpatient() {
    Instant giveUpBefore = clock.instant().minus(patience);
    int count = 0;
    for (Iterator<Waiting> it = waiting.values().iterator(); it.hasNext(); ) {
      WaitingCaller row = it.next().row();
      if (!row.arrivedAt().isBefore(giveUpBefore)) {
        break;
      }
      it.remove();
      pages.callerLeft(new CallerLeft(row.id(), ++version, CallerLeft.Reason.HUNG_UP, null));
      count++;
    }
    return count;
  }

  public synchronized QueueSnapshot snapshot() {
    List<WaitingCaller> rows = new ArrayList<>(waiting.size());
    for (Waiting w : waiting.values()) {
      rows.add(w.row());
    }
    return new QueueSnapshot(version, clock.instant(), rows);
  }

  public synchronized int waitingCount() {
    return waiting.size();
  }
}

package io.duplex.samples.callcenter;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The callers waiting for an agent, kept in a {@link CallStore}. Answering is first come, first
 * served: the store makes "is the caller still waiting? then take them" one step, so exactly one
 * agent gets each call. Every change is pushed to the agent pages while this queue's lock is held and
 * carries the queue's version (one more per change), so pages apply changes in order, can tell a
 * stale snapshot from a newer push, and reload when a version is missing (a change made by another
 * process sharing the store, whose push is still on its way).
 */
public final class CallQueue {
  private final CallCenterPage pages;
  private final Clock clock;
  private final int maxWaiting;
  private final Duration patience;
  private final CallStore store;

  public CallQueue(CallCenterPage pages, Clock clock, int maxWaiting, Duration patience) {
    this(pages, clock, maxWaiting, patience, new MemoryCallStore());
  }

  /** A queue on the given state: {@link MemoryCallStore}, or Redis when processes share one call center. */
  public CallQueue(CallCenterPage pages, Clock clock, int maxWaiting, Duration patience, CallStore store) {
    this.pages = pages;
    this.clock = clock;
    this.maxWaiting = maxWaiting;
    this.patience = patience;
    this.store = store;
  }

  /** A caller rings now; empty when the table is full (the caller gets a busy tone). */
  public Optional<WaitingCaller> arrive(CallerProfile caller) {
    return arrive(caller, Duration.ZERO);
  }

  /** A caller who has already waited {@code waitedSoFar} (used to fill the table at start). */
  public synchronized Optional<WaitingCaller> arrive(CallerProfile caller, Duration waitedSoFar) {
    Optional<WaitingCaller> row = store.arrive(caller, clock.instant().minus(waitedSoFar), maxWaiting);
    row.ifPresent(pages::callerArrived);
    return row;
  }

  /**
   * Gives the call to {@code agent} and takes it off every page's table.
   *
   * @throws ClaimRejected.CallAlreadyTaken when another agent answered it first
   * @throws ClaimRejected.CallerGone when the caller hung up or never existed
   */
  public synchronized AnsweredCall claim(long callerId, String agent) {
    CallStore.Claim claim = store.claim(callerId, agent, clock.instant());
    if (claim.answered() == null) {
      if (claim.takenBy() != null) {
        throw new ClaimRejected.CallAlreadyTaken(claim.takenNumber(), claim.takenBy());
      }
      throw new ClaimRejected.CallerGone();
    }
    pages.callerLeft(new CallerLeft(callerId, claim.version(), CallerLeft.Reason.ANSWERED, agent));
    return claim.answered();
  }

  /** Callers who waited longer than their patience hang up; returns how many did. */
  public synchronized int hangUpImpatient() {
    List<CallerLeft> gone = store.hangUpArrivedBefore(clock.instant().minus(patience));
    gone.forEach(pages::callerLeft);
    return gone.size();
  }

  public synchronized QueueSnapshot snapshot() {
    return store.snapshot(clock.instant());
  }

  public synchronized int waitingCount() {
    return store.waitingCount();
  }
}

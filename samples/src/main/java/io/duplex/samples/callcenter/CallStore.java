package io.duplex.samples.callcenter;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where the waiting callers live: this process ({@link MemoryCallStore}) or Redis. Versions grow by one per change. */
public interface CallStore {
  /**
   * A caller joins the end of the queue, unless {@code maxWaiting} are waiting.
   *
   * @param caller who calls
   * @param arrivedAt when they started waiting
   * @param maxWaiting the table's size
   * @return their row (new id and version), empty when the table is full
   */
  Optional<WaitingCaller> arrive(CallerProfile caller, Instant arrivedAt, int maxWaiting);

  /**
   * Takes a waiting caller off the queue for an agent: exactly one agent gets each caller.
   *
   * @param callerId the caller
   * @param agent who answers
   * @param now when
   * @return what happened
   */
  Claim claim(long callerId, String agent, Instant now);

  /**
   * Callers who started waiting before {@code giveUpBefore} hang up.
   *
   * @param giveUpBefore the oldest arrival still waiting
   * @return one event per caller gone, in version order
   */
  List<CallerLeft> hangUpArrivedBefore(Instant giveUpBefore);

  /**
   * @param now the server's time, for the page's clock offset
   * @return the waiting callers, longest waiting first, with the queue's version
   */
  QueueSnapshot snapshot(Instant now);

  /** {@return how many callers wait} */
  int waitingCount();

  /**
   * The outcome of a claim: {@code answered} (with the queue's new {@code version}), else taken
   * earlier by {@code takenBy} (the caller's number in {@code takenNumber}), else gone.
   *
   * @param answered the call, when this agent got it
   * @param version the queue's version after it
   * @param takenBy the agent who answered first, when another did
   * @param takenNumber the caller's number, when another agent answered
   */
  record Claim(AnsweredCall answered, long version, String takenBy, String takenNumber) {}
}

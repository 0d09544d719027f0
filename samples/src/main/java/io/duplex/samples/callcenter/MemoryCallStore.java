package io.duplex.samples.callcenter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The waiting callers in this process; guarded by its {@link CallQueue}'s lock. */
public final class MemoryCallStore implements CallStore {
  /** Answered calls remembered to tell a late agent who answered; older ones say "gone". */
  private static final int REMEMBERED_ANSWERS = 256;

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

  @Override
  public Optional<WaitingCaller> arrive(CallerProfile caller, Instant arrivedAt, int maxWaiting) {
    if (waiting.size() >= maxWaiting) {
      return Optional.empty();
    }
    WaitingCaller row = new WaitingCaller(++lastId, ++version, arrivedAt, caller.number(), caller.name());
    waiting.put(row.id(), new Waiting(row, caller));
    return Optional.of(row);
  }

  @Override
  public Claim claim(long callerId, String agent, Instant now) {
    Waiting call = waiting.remove(callerId);
    if (call == null) {
      AnsweredCall earlier = answered.get(callerId);
      return earlier == null
          ? new Claim(null, version, null, null)
          : new Claim(null, version, earlier.agent(), earlier.caller().number());
    }
    AnsweredCall answer = new AnsweredCall(callerId, call.row().arrivedAt(), now, agent, call.profile());
    answered.put(callerId, answer);
    return new Claim(answer, ++version, null, null);
  }

  @Override
  public List<CallerLeft> hangUpArrivedBefore(Instant giveUpBefore) {
    List<CallerLeft> gone = new ArrayList<>();
    for (Iterator<Waiting> it = waiting.values().iterator(); it.hasNext(); ) {
      WaitingCaller row = it.next().row();
      if (!row.arrivedAt().isBefore(giveUpBefore)) {
        break;
      }
      it.remove();
      gone.add(new CallerLeft(row.id(), ++version, CallerLeft.Reason.HUNG_UP, null));
    }
    return gone;
  }

  @Override
  public QueueSnapshot snapshot(Instant now) {
    List<WaitingCaller> rows = new ArrayList<>(waiting.size());
    for (Waiting w : waiting.values()) {
      rows.add(w.row());
    }
    return new QueueSnapshot(version, now, rows);
  }

  @Override
  public int waitingCount() {
    return waiting.size();
  }
}

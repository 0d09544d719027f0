package io.duplex.samples.callcenter;

import io.duplex.PageAnswer;
import io.duplex.ScriptName;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What {@link Ringer} asks and tells the JavaScript object {@code callCenter} of agent pages. */
@ScriptName("callCenter")
public interface AgentPage {
  /**
   * Asks every agent page whether its agent is free (not on a call): each page answers.
   *
   * @return every asked page's answer, or why it gave none
   */
  CompletableFuture<List<PageAnswer<Boolean>>> isFree();

  /**
   * A new caller rings on this page: its agent said it was free.
   *
   * @param ring the caller and how many agents were free
   */
  void ring(Ring ring);

  /**
   * @param callerId the ringing caller's row
   * @param free how many agent pages answered that their agent is free
   * @param agents how many agent pages were asked
   */
  record Ring(long callerId, int free, int agents) {}
}

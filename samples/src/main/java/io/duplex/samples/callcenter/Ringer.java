package io.duplex.samples.callcenter;

import io.duplex.PageAnswer;
import io.duplex.ScriptSession;
import io.duplex.Targets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Before a new caller rings, asks every agent page whether its agent is free (a browser answer:
 * the page's {@code callCenter.isFree()} returns it) and rings only the pages that said yes. No
 * thread waits for the answers: the ringing runs when the last one is in.
 */
public final class Ringer {
  /** A page that has not answered by then (a frozen background tab) is not rung. */
  static final Duration ASK_TIMEOUT = Duration.ofSeconds(2);

  private final AgentPage everyAgent;

  /** @param agentPages the agent pages, asked each time a caller arrives */
  public Ringer(Targets agentPages) {
    this.everyAgent = agentPages.answerTimeout(ASK_TIMEOUT).proxy(AgentPage.class);
  }

  /**
   * Rings {@code caller} on the pages whose agent is free.
   *
   * @return how many pages it rang on
   */
  public CompletableFuture<Integer> ring(WaitingCaller caller) {
    return everyAgent.isFree().thenApply(answers -> {
      List<ScriptSession> free =
          answers.stream().filter(a -> Boolean.TRUE.equals(a.value())).map(PageAnswer::session).toList();
      AgentPage.Ring ring = new AgentPage.Ring(caller.id(), free.size(), answers.size());
      for (ScriptSession page : free) {
        page.target().proxy(AgentPage.class).ring(ring);
      }
      return free.size();
    });
  }
}

package io.duplex.samples.callcenter;

import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import java.util.function.Supplier;

/** The call center's forward calls: the waiting table, and answering a call. */
@RemoteService(name = "CallCenter")
public final class CallCenterService {
  static final int MAX_AGENT_NAME = 24;

  private final Supplier<CallQueue> queue;

  public CallCenterService(Supplier<CallQueue> queue) {
    this.queue = queue;
  }

  @RemoteMethod
  public QueueSnapshot waiting() {
    return queue.get().snapshot();
  }

  /**
   * Answers a waiting call: it leaves every agent's table, and only this agent gets the caller's
   * details. A second agent gets {@code CALL_ALREADY_TAKEN}.
   */
  @RemoteMethod
  public AnsweredCall claim(long callerId, String agent) {
    return queue.get().claim(callerId, agentName(agent));
  }

  static String agentName(String agent) {
    String name = agent == null ? "" : agent.strip().replaceAll("\\s+", " ");
    if (name.isEmpty()) {
      return "Another agent";
    }
    return name.length() > MAX_AGENT_NAME ? name.substring(0, MAX_AGENT_NAME) : name;
  }
}

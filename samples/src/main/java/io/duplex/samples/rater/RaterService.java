package io.duplex.samples.rater;

import io.duplex.CallContext;
import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import java.util.function.Supplier;

/**
 * The session rater's forward calls. A voter is the browser (its HTTP session) or, when signed in,
 * the user: rating a talk again from any of their pages replaces their earlier vote.
 */
@RemoteService(name = "Rater")
public final class RaterService {
  private final Supplier<SessionRater> rater;

  public RaterService(Supplier<SessionRater> rater) {
    this.rater = rater;
  }

  @RemoteMethod
  public RaterSnapshot talks(CallContext call) {
    return rater.get().snapshot(voter(call));
  }

  /** Rates a talk 1 to 5 stars; every rater page sees the new average and count. */
  @RemoteMethod
  public TalkScore rate(String talkId, int stars, CallContext call) {
    return rater.get().rate(talkId, voter(call), stars);
  }

  static String voter(CallContext call) {
    return call.user() != null ? "user:" + call.user().getName() : "browser:" + call.scriptSession().httpSessionId();
  }
}

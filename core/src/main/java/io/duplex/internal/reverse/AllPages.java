package io.duplex.internal.reverse;

import io.duplex.Browser;
import io.duplex.CallContext;
import io.duplex.ScriptSession;
import io.duplex.Targets;
import io.duplex.internal.remote.CurrentCall;

/** Every open page, plus the calling page and its neighbours while a call is served. */
final class AllPages extends TargetQuery implements Browser {
  AllPages(ScriptSessionManager manager) {
    super(manager);
  }

  @Override
  public Targets currentPage() {
    return page(callingSession("currentPage").page());
  }

  @Override
  public Targets current() {
    return session(callingSession("current").id());
  }

  private static ScriptSession callingSession(String method) {
    CallContext call = CurrentCall.get();
    if (call == null || call.scriptSession() == null) {
      throw new IllegalStateException(
          "Browser."
              + method
              + "() needs a call from a page, but this thread is not serving one; keep a Targets "
              + "from inside the call, or target pages by page(...), user(...) or session(...)");
    }
    return call.scriptSession();
  }

  @Override
  public String toString() {
    return "all pages";
  }
}

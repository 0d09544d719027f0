package io.duplex.samples.reverse;

import io.duplex.JsFunction;
import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The service the test pages call: keeps the functions pages hand over, and answers pings. */
@RemoteService(name = "Probe")
public final class Probe {
  private final BlockingQueue<JsFunction> remembered = new LinkedBlockingQueue<>();

  /** Keeps {@code fn} so the test can call it back later, from its own thread. */
  @RemoteMethod
  public void remember(JsFunction fn) {
    remembered.add(fn);
  }

  /** The piggyback page's light periodic call: its response carries the queued reverse calls. */
  @RemoteMethod
  public void ping() {}

  /** Logs the caller's browser out: every page of its HTTP session ends. */
  @RemoteMethod
  public void logout(HttpSession session) {
    session.invalidate();
  }

  /** The next function a page handed over, waiting at most {@code timeout} for one. */
  JsFunction nextRemembered(Duration timeout) throws InterruptedException {
    JsFunction fn = remembered.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (fn == null) {
      throw new AssertionError("no page called Probe.remember within " + timeout);
    }
    return fn;
  }

  void forget() {
    remembered.clear();
  }
}

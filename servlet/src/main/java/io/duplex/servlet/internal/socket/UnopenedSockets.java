package io.duplex.servlet.internal.socket;

import io.duplex.internal.protocol.ErrorCode;
import io.duplex.internal.protocol.ProtocolException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sockets upgraded whose open frame has not been handled yet: before it, a socket has passed
 * no session check, so what a client can hold that way is bounded here, in all (maxUnopenedSockets)
 * and per HTTP session (maxPagesPerHttpSession: a browser never opens more pages' sockets at once).
 * Upgrades without an HTTP session share one such count: their open frame is refused anyway.
 */
final class UnopenedSockets {
  private static final String NO_HTTP_SESSION = "";

  private final int max;
  private final int maxPerHttpSession;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<String, Integer> perHttpSession = new ConcurrentHashMap<>();

  UnopenedSockets(int max, int maxPerHttpSession) {
    this.max = max;
    this.maxPerHttpSession = maxPerHttpSession;
  }

  /**
   * @param httpSessionId the upgrade request's HTTP session id, or null without one
   * @return the slot the new socket holds until {@link Slot#release}
   * @throws ProtocolException {@code TOO_MANY_SOCKETS} beyond either bound
   */
  Slot take(String httpSessionId) {
    if (total.incrementAndGet() > max) {
      total.decrementAndGet();
      throw refusal(max + " sockets have not sent their open frame yet");
    }
    String key = httpSessionId == null ? NO_HTTP_SESSION : httpSessionId;
    boolean[] taken = {false};
    perHttpSession.compute(key, (k, n) -> {
      int count = n == null ? 0 : n;
      if (count >= maxPerHttpSession) {
        return n;
      }
      taken[0] = true;
      return count + 1;
    });
    if (!taken[0]) {
      total.decrementAndGet();
      throw refusal(maxPerHttpSession + " sockets of this browser have not sent their open frame yet");
    }
    return new Slot(key);
  }

  /** @return sockets holding a slot now */
  int count() {
    return total.get();
  }

  private static ProtocolException refusal(String why) {
    return new ProtocolException(ErrorCode.TOO_MANY_SOCKETS, why);
  }

  /** One socket's place in the counts, given back once. */
  final class Slot {
    private final String key;
    private final AtomicBoolean released = new AtomicBoolean();

    private Slot(String key) {
      this.key = key;
    }

    /** @return true for the call that gave the slot back, false when it was given back before */
    boolean release() {
      if (!released.compareAndSet(false, true)) {
        return false;
      }
      perHttpSession.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
      total.decrementAndGet();
      return true;
    }
  }
}

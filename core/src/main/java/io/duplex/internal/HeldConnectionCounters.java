package io.duplex.internal;

import io.duplex.HeldConnectionCounts;
import java.util.concurrent.atomic.AtomicInteger;

/** Where the transport counts the reverse connections it holds, per mode. */
public final class HeldConnectionCounters {
  /** The delivery modes a held connection can have. */
  public enum Mode {
    STREAMING("streaming"),
    LONG_POLL("long poll"),
    WEBSOCKET("websocket");

    private final String label;

    Mode(String label) {
      this.label = label;
    }

    /** How the debug page names it. */
    public String label() {
      return label;
    }
  }

  private final AtomicInteger[] counts = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};

  /** A connection of {@code mode} is held from now on; match it with one {@link #released}. */
  public void held(Mode mode) {
    counts[mode.ordinal()].incrementAndGet();
  }

  public void released(Mode mode) {
    counts[mode.ordinal()].decrementAndGet();
  }

  public HeldConnectionCounts snapshot() {
    return new HeldConnectionCounts(counts[0].get(), counts[1].get(), counts[2].get());
  }
}

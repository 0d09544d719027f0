package io.duplex.bench.server;

import java.util.Locale;

/** The reverse delivery mode a bench server runs in (the workloads' three modes). */
public enum ServerMode {
  STREAM("comet streaming"),
  LONGPOLL("comet long poll"),
  POLL("polling 1 s"),
  /** Duplex only (the ws command): calls and deliveries over the page's WebSocket. */
  WEBSOCKET("websocket");

  public static final long MAX_HOLD_MILLIS = 30_000;
  public static final long HEARTBEAT_MILLIS = 15_000;
  public static final long POLL_INTERVAL_MILLIS = 1_000;
  /** The product's default, as users get it (the plain comet ceiling's pages ack as often). */
  public static final long ACK_INTERVAL_MILLIS = io.duplex.Settings.ACK_INTERVAL_MILLIS.defaultValue();

  private final String label;

  ServerMode(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public String argName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The modes every server kind runs (W2); the ceiling speaks HTTP only. */
  public static final java.util.List<ServerMode> HTTP_MODES = java.util.List.of(STREAM, LONGPOLL, POLL);

  public static ServerMode parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }
}

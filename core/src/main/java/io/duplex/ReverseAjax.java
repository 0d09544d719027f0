package io.duplex;

import java.util.Locale;

/** How reverse calls reach the browser. Pages learn the mode from the server; no page changes. */
public enum ReverseAjax {
  /** A held connection: streaming or long poll (see {@code streaming}). */
  COMET,
  /** The page asks every {@code pollIntervalMillis}; the server answers at once. */
  POLLING,
  /** No extra connection: queued calls ride on call responses only. */
  PIGGYBACK,
  /**
   * One WebSocket per page carries calls, results, reverse calls and acknowledgements; a page that
   * cannot open it (a proxy refusing the upgrade) falls back to comet streaming by itself.
   */
  WEBSOCKET;

  /**
   * The mode named by {@code text}, ignoring case and surrounding blanks, e.g. {@code "polling"}.
   *
   * @param text a mode name: {@code comet}, {@code polling}, {@code piggyback} or {@code websocket}
   * @return the mode
   * @throws IllegalArgumentException when no mode has that name
   */
  public static ReverseAjax parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }

  /** {@return the mode's name in the handshake answer, e.g. {@code "comet"}} */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package io.duplex.samples.spring;

import io.duplex.ScriptName;

/** The functions the page registers with {@code duplex.expose("clock", {...})}. */
@ScriptName("clock")
public interface ClockPage {
  /** Shows the server's time, an ISO-8601 instant. */
  void tick(String serverTime);

  /** Says who was greeted just now, on every open page. */
  void greeted(String name, int visitor);
}

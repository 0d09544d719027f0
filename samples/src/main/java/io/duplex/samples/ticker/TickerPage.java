package io.duplex.samples.ticker;

import io.duplex.ScriptName;
import java.time.Instant;
import java.util.List;

/**
 * The ticker page's functions {@code ticker.quotes} and {@code ticker.clock}; that page registers
 * them with {@code duplex.expose(name, fn)} rather than as globals.
 */
@ScriptName("ticker")
public interface TickerPage {
  void quotes(List<Quote> quotes);

  void clock(Instant serverTime);
}

package io.duplex.samples.ticker;

import io.duplex.ScriptName;
import java.time.Instant;

/**
 * The ticker page's function {@code ticker.clock}, pushed to every open ticker page; the page
 * registers it with {@code duplex.expose(name, fn)} rather than as a global. Prices do not come
 * this way: the page subscribes to the {@code prices} topic ({@link io.duplex.samples.Demos#PRICES}).
 */
@ScriptName("ticker")
public interface TickerPage {
  void clock(Instant serverTime);
}

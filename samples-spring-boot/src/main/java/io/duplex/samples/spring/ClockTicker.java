package io.duplex.samples.spring;

import io.duplex.Browser;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Pushes the server's clock to every open page, once a second by default. */
@Component
public class ClockTicker {
  private final Browser browser;

  public ClockTicker(Browser browser) {
    this.browser = browser;
  }

  @Scheduled(fixedRateString = "${sample.clock-millis:1000}")
  public void tick() {
    browser.proxy(ClockPage.class).tick(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
  }
}

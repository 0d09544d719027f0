package io.duplex.servlet;

import com.google.gson.JsonObject;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A page that asks for reverse calls on a timer, as the engine does in polling mode ({@code
 * /reverse} every pollIntervalMillis) and piggyback mode (reverse objects riding on its own
 * {@code /call} responses). Each request carries {@code ack = lastSeq}; a failed request is
 * forgotten and the next tick asks again.
 */
public final class RepeatingPageLoop implements DeliveryLoop {
  private final DuplexTestClient page;
  private final Function<DuplexTestClient, DuplexTestClient.Response> request;
  private final PageState state = new PageState();
  private final AtomicInteger connections = new AtomicInteger();
  private final ScheduledExecutorService timer;
  private volatile String stoppedBecause;

  /**
   * @param request one poll or call of {@code page}, sent with the page's current ack
   * @param intervalMillis the pause between the end of one request and the start of the next
   */
  public RepeatingPageLoop(
      DuplexTestClient page, Function<DuplexTestClient, DuplexTestClient.Response> request, long intervalMillis) {
    this.page = page;
    this.request = request;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "repeating-page-loop");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(this::tick, 0, intervalMillis, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    page.ack(state.lastSeq());
    connections.incrementAndGet();
    try {
      DuplexTestClient.Response response = request.apply(page);
      if (response.status() == 410) {
        // The page's session is gone; the engine would start a new one, which no test expects.
        stoppedBecause = "410 SESSION_UNKNOWN";
        timer.shutdown();
      } else if (response.status() == 200) {
        JsonObject reverse = response.json().getAsJsonObject("reverse");
        if (reverse != null) {
          state.apply(reverse);
        }
      }
    } catch (RuntimeException broken) {
      // The connection broke or the body was cut short: the next tick asks again with the same ack.
    }
  }

  @Override
  public PageState state() {
    return state;
  }

  @Override
  public String stoppedBecause() {
    return stoppedBecause;
  }

  @Override
  public int connections() {
    return connections.get();
  }

  @Override
  public void close() throws InterruptedException {
    timer.shutdownNow();
    timer.awaitTermination(10, TimeUnit.SECONDS);
  }
}

package io.duplex.samples;

import io.duplex.Duplex;
import io.duplex.Targets;
import io.duplex.Topic;
import io.duplex.samples.callcenter.CallCenterPage;
import io.duplex.samples.callcenter.CallCenterService;
import io.duplex.samples.callcenter.CallQueue;
import io.duplex.samples.callcenter.CallerGenerator;
import io.duplex.samples.callcenter.Ringer;
import io.duplex.samples.chat.ChatPage;
import io.duplex.samples.chat.ChatPresence;
import io.duplex.samples.chat.ChatRoom;
import io.duplex.samples.chat.ChatService;
import io.duplex.samples.hello.HelloService;
import io.duplex.samples.rater.Conference;
import io.duplex.samples.rater.RaterPage;
import io.duplex.samples.rater.RaterService;
import io.duplex.samples.rater.SessionRater;
import io.duplex.samples.ticker.StockMarket;
import io.duplex.samples.ticker.TickerPage;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every demo's services and background simulators, wired into one Duplex. The services are exposed
 * before the Duplex exists; the state they work on (which pushes to pages through the Duplex) is
 * made in {@link #start}.
 */
public final class Demos implements AutoCloseable {
  static final String CHAT_PAGE = "/chat.html";
  static final String RATER_PAGE = "/rater.html";
  static final String CALL_CENTER_PAGE = "/callcenter.html";
  static final String TICKER_PAGE = "/ticker.html";
  /** The topic the market publishes every step's quotes to; any page may subscribe. */
  public static final String PRICES = "prices";
  private static final int CHAT_HISTORY = 50;
  private static final Logger LOG = LoggerFactory.getLogger(Demos.class);

  private final DemoSettings settings;
  // Millisecond instants: what JavaScript dates hold, and shorter JSON.
  private final Clock clock = Clock.tickMillis(ZoneOffset.UTC);
  private volatile ChatRoom chat;
  private volatile SessionRater rater;
  private volatile CallQueue calls;
  private ScheduledExecutorService timer;

  public Demos() {
    this(DemoSettings.defaults());
  }

  public Demos(DemoSettings settings) {
    this.settings = settings;
  }

  Duplex.Builder configure(Duplex.Builder builder) {
    return builder
        .topics(PRICES)
        .expose(HelloService.class)
        .expose(SamplesService.class)
        .expose(ChatService.class, () -> new ChatService(started(() -> chat)))
        .expose(RaterService.class, () -> new RaterService(started(() -> rater)))
        .expose(CallCenterService.class, () -> new CallCenterService(started(() -> calls)));
  }

  synchronized void start(Duplex duplex) {
    if (timer != null) {
      throw new IllegalStateException("already started");
    }
    Random random = new Random(settings.seed());
    chat = new ChatRoom(duplex.browser().page(CHAT_PAGE).proxy(ChatPage.class), clock, CHAT_HISTORY);
    duplex.addScriptSessionListener(new ChatPresence(CHAT_PAGE, chat));
    rater =
        new SessionRater(
            duplex.browser().page(RATER_PAGE).proxy(RaterPage.class), Conference.talks(), clock, settings.livePeriod());
    calls =
        new CallQueue(
            duplex.browser().page(CALL_CENTER_PAGE).proxy(CallCenterPage.class),
            clock,
            settings.maxWaiting(),
            settings.patience());
    CallerGenerator callers = new CallerGenerator(new Random(random.nextLong()));
    Ringer ringer = new Ringer(duplex.browser().page(CALL_CENTER_PAGE));
    for (int i = settings.initialCallers(); i > 0; i--) {
      calls.arrive(callers.next(), Duration.ofSeconds(i * 25L + random.nextInt(20)));
    }
    StockMarket market = StockMarket.demo(new Random(random.nextLong()));
    Targets tickerPages = duplex.browser().page(TICKER_PAGE);
    TickerPage ticker = tickerPages.proxy(TickerPage.class);
    Topic prices = duplex.topic(PRICES);

    timer = daemonTimer();
    every(settings.livePeriod(), rater::advanceLive);
    every(
        settings.callerPeriod(),
        () -> {
          calls.hangUpImpatient();
          // Each agent page is asked whether its agent is free; only those pages ring.
          calls.arrive(callers.next()).ifPresent(caller -> ringer.ring(caller).exceptionally(failed -> {
            LOG.warn("Ringing agents failed", failed);
            return 0;
          }));
        });
    // Nobody subscribed: do not even convert the quotes to JSON (converted once per step otherwise).
    every(
        settings.quotePeriod(),
        () -> {
          if (prices.count() > 0) {
            prices.publish(market.step());
          }
        });
    every(
        settings.clockPeriod(),
        () -> {
          if (tickerPages.count() > 0) {
            ticker.clock(clock.instant());
          }
        });
  }

  /** The call center's queue, once started. */
  CallQueue calls() {
    return calls;
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  private void every(Duration period, Runnable task) {
    long millis = period.toMillis();
    timer.scheduleAtFixedRate(
        () -> {
          // An exception would silently cancel the repetition; log it and carry on instead.
          try {
            task.run();
          } catch (RuntimeException e) {
            LOG.warn("Demo simulator task failed", e);
          }
        },
        millis,
        millis,
        TimeUnit.MILLISECONDS);
  }

  private static ScheduledExecutorService daemonTimer() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "duplex-samples-simulators");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  private static <T> Supplier<T> started(Supplier<T> state) {
    return () -> {
      T value = state.get();
      if (value == null) {
        throw new IllegalStateException("Demos.start(duplex) has not run");
      }
      return value;
    };
  }
}

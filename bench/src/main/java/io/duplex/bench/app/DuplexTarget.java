package io.duplex.bench.app;

import io.duplex.Duplex;
import io.duplex.ReverseAjax;
import io.duplex.Targets;
import io.duplex.Topic;
import io.duplex.bench.server.BenchTarget;
import io.duplex.bench.server.ServerMode;
import io.duplex.servlet.DuplexServlet;
import jakarta.servlet.Servlet;

/** The Duplex bench server: {@link Bench} exposed, broadcasts through a typed page proxy. */
public final class DuplexTarget implements BenchTarget {
  private final Duplex duplex;
  private final Targets pages;
  private final BenchPage proxy;
  private final Topic topic;

  public DuplexTarget(ServerMode mode) {
    this(mode, false);
  }

  /**
   * @param defaultLimits true: Duplex's own limits, as an application would run (W4, which measures
   *     the defences); false: the session cap raised, since W2 and W3 measure capacity, not the cap
   */
  public DuplexTarget(ServerMode mode, boolean defaultLimits) {
    this(mode, defaultLimits, null);
  }

  /**
   * @param backplane a backplane URL (W5: {@code redis://...}), or null for a node alone
   */
  public DuplexTarget(ServerMode mode, boolean defaultLimits, String backplane) {
    Duplex.Builder builder = Duplex.builder()
        .expose(Bench.class)
        .maxHoldMillis(ServerMode.MAX_HOLD_MILLIS)
        .heartbeatMillis(ServerMode.HEARTBEAT_MILLIS)
        .ackIntervalMillis(ServerMode.ACK_INTERVAL_MILLIS)
        .pollIntervalMillis(ServerMode.POLL_INTERVAL_MILLIS);
    if (!defaultLimits) {
      // W3 opens up to 10,000 pages per run: the bench measures capacity, not the flood cap.
      builder.maxScriptSessions(1_000_000);
    }
    if (backplane != null) {
      builder.backplane(backplane);
    }
    switch (mode) {
      case STREAM -> builder.reverseAjax(ReverseAjax.COMET).streaming(true);
      case LONGPOLL -> builder.reverseAjax(ReverseAjax.COMET).streaming(false);
      case POLL -> builder.reverseAjax(ReverseAjax.POLLING);
      case WEBSOCKET -> builder.reverseAjax(ReverseAjax.WEBSOCKET);
    }
    this.duplex = builder.topics(TOPIC).build();
    this.pages = duplex.browser().page(BROADCAST_PAGE);
    this.proxy = pages.proxy(BenchPage.class);
    this.topic = duplex.topic(TOPIC);
  }

  @Override
  public String name() {
    return "duplex";
  }

  @Override
  public String base() {
    return "/duplex";
  }

  @Override
  public Servlet servlet() {
    return new DuplexServlet(duplex);
  }

  @Override
  public int broadcastPages() {
    return pages.count();
  }

  @Override
  public void publish(long seq, long sentNanos, String text) {
    proxy.addMessage(new Message(seq, sentNanos, text));
  }

  @Override
  public void publishToTopic(long seq, long sentNanos, String text) {
    topic.publish(new Message(seq, sentNanos, text));
  }

  @Override
  public void close() {
    duplex.close();
  }
}

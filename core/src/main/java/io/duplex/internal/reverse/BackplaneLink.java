package io.duplex.internal.reverse;

import io.duplex.DuplexConfig;
import io.duplex.spi.Backplane;
import io.duplex.spi.BackplaneProvider;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's end of the backplane: publishes encoded pushes, and queues each push it reads back
 * to this node's matching pages. The backplane calls {@link #deliver} on one thread, in its order,
 * so every page of every node sees pushes in that one order.
 */
final class BackplaneLink implements Backplane.Receiver, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackplaneLink.class);
  /** Schemes of the backplane modules Duplex ships, to name the artifact when one is missing. */
  private static final Map<String, String> KNOWN = Map.of("redis", "io.duplex:duplex-redis", "rediss", "io.duplex:duplex-redis");

  private final ScriptSessionManager manager;
  private final Backplane backplane;
  private final ClusterAsks asks;

  private BackplaneLink(ScriptSessionManager manager, Backplane backplane) {
    this.manager = manager;
    this.backplane = backplane;
    this.asks = new ClusterAsks(manager, this);
  }

  /**
   * Finds the module serving the {@code backplane} URL's scheme and connects.
   *
   * @throws IllegalStateException naming the artifact to add when no module serves the scheme, or
   *     when the backplane cannot be reached
   */
  static BackplaneLink open(ScriptSessionManager manager, DuplexConfig config) {
    URI url = URI.create(config.backplane());
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    BackplaneProvider provider = find(scheme, Thread.currentThread().getContextClassLoader());
    if (provider == null) {
      provider = find(scheme, BackplaneLink.class.getClassLoader());
    }
    if (provider == null) {
      String artifact = KNOWN.get(scheme);
      throw new IllegalStateException(
          "Duplex setting 'backplane' is "
              + scheme
              + "://..., but no backplane module for '"
              + scheme
              + "' is on the classpath: "
              + (artifact != null
                  ? "add the dependency " + artifact
                  : "known schemes are " + String.join(", ", KNOWN.keySet()) + " (module io.duplex:duplex-redis)"));
    }
    BackplaneLink link = new BackplaneLink(manager, provider.create(url, config));
    link.backplane.start(link);
    return link;
  }

  private static BackplaneProvider find(String scheme, ClassLoader loader) {
    if (loader == null) {
      return null;
    }
    for (BackplaneProvider provider : ServiceLoader.load(BackplaneProvider.class, loader)) {
      if (provider.schemes().contains(scheme)) {
        return provider;
      }
    }
    return null;
  }

  void publish(ClusterPush push) {
    backplane.publish(push.encode());
  }

  void publish(byte[] message) {
    backplane.publish(message);
  }

  /** Asks of every node's pages, made by this node or read from the backplane. */
  ClusterAsks asks() {
    return asks;
  }

  Map<String, Integer> nodes() {
    return backplane.nodes();
  }

  /** @return this node's id in {@link #nodes()}, or null when the backplane does not tell */
  String node() {
    return backplane.node();
  }

  @Override
  public void deliver(byte[] message) {
    ClusterPush push;
    try {
      int type = ClusterAnswers.type(message);
      if (type == ClusterAnswers.ASK) {
        asks.received(ClusterAnswers.decodeAsk(message));
        return;
      }
      if (type == ClusterAnswers.REPLY) {
        asks.received(ClusterAnswers.decodeReply(message));
        return;
      }
      push = ClusterPush.decode(message);
    } catch (IllegalArgumentException e) {
      // A node of another Duplex version shares the stream: say so, keep reading.
      LOG.warn("Backplane message skipped: {}", e.getMessage());
      return;
    }
    new TargetQuery(manager, push.keys(), push.values(), true).enqueueHere(push.payloads());
  }

  @Override
  public void gap() {
    int pages = 0;
    for (ScriptSessionImpl session : manager.index().all()) {
      session.queue().gap();
      pages++;
    }
    LOG.warn("Backplane pushes were lost to this node while it was away; {} page(s) told to resync", pages);
  }

  @Override
  public int openPages() {
    return manager.openCount();
  }

  @Override
  public void close() {
    backplane.close();
  }
}

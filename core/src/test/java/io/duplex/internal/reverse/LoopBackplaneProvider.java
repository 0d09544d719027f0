package io.duplex.internal.reverse;

import io.duplex.DuplexConfig;
import io.duplex.spi.Backplane;
import io.duplex.spi.BackplaneProvider;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * A one-node backplane for {@code loop://} URLs: each message is read back at once, in order. A
 * test may list other nodes in {@link #OTHERS} (they never read or reply) and drop them again.
 */
public final class LoopBackplaneProvider implements BackplaneProvider {
  /** Nodes that {@code nodes()} lists beside this one, by id; empty unless a test fills it. */
  static final Map<String, Integer> OTHERS = new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public Set<String> schemes() {
    return Set.of("loop");
  }

  @Override
  public Backplane create(URI url, DuplexConfig config) {
    return new Backplane() {
      private volatile Receiver receiver;

      @Override
      public void start(Receiver receiver) {
        this.receiver = receiver;
      }

      @Override
      public synchronized void publish(byte[] message) {
        receiver.deliver(message);
      }

      @Override
      public Map<String, Integer> nodes() {
        Map<String, Integer> all = new java.util.HashMap<>(OTHERS);
        all.put("loop", receiver.openPages());
        return all;
      }

      @Override
      public String node() {
        return "loop";
      }

      @Override
      public void close() {}
    };
  }
}

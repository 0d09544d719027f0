package io.duplex.internal.reverse;

import io.duplex.DuplexConfig;
import io.duplex.spi.Backplane;
import io.duplex.spi.BackplaneProvider;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/** A one-node backplane for {@code loop://} URLs: each message is read back at once, in order. */
public final class LoopBackplaneProvider implements BackplaneProvider {
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
        return Map.of("loop", receiver.openPages());
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

package io.duplex.redis.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.redis.RedisProcess;
import io.duplex.servlet.Await;
import io.duplex.spi.Backplane;
import io.lettuce.core.event.command.CommandFailedEvent;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import io.lettuce.core.event.command.CommandSucceededEvent;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * While Redis does not answer, Lettuce keeps every command sent to it: the backplane must not keep
 * sending heartbeats and reads at its own pace, or an outage's length decides how much it holds.
 */
class CommandBoundTest {
  @Test
  void aFrozenRedisHoldsAtMostOneHeartbeatAndOneReadOfANodeWhateverTheOutageLength() throws Exception {
    try (RedisProcess redis = RedisProcess.start()) {
      RedisBackplane backplane = new RedisBackplane(URI.create(redis.url()), 100, 1_000);
      AtomicInteger outstanding = new AtomicInteger();
      List<String> sentWhileFrozen = java.util.Collections.synchronizedList(new ArrayList<>());
      java.util.concurrent.atomic.AtomicBoolean frozen = new java.util.concurrent.atomic.AtomicBoolean();
      backplane.listen(new CommandListener() {
        @Override
        public void commandStarted(CommandStartedEvent event) {
          outstanding.incrementAndGet();
          if (frozen.get()) {
            sentWhileFrozen.add(event.getCommand().getType().toString());
          }
        }

        @Override
        public void commandSucceeded(CommandSucceededEvent event) {
          outstanding.decrementAndGet();
        }

        @Override
        public void commandFailed(CommandFailedEvent event) {
          outstanding.decrementAndGet();
        }
      });
      backplane.start(new Backplane.Receiver() {
        @Override
        public void deliver(byte[] message) {}

        @Override
        public void gap() {}

        @Override
        public int openPages() {
          return 0;
        }
      });
      try {
        // A blocking read is under way when Redis stops.
        Await.until(() -> outstanding.get() >= 1, () -> "a read under way");
        int[] waitingAtThaw = new int[1];
        redis.freeze();
        frozen.set(true);
        try {
          // The outage is what is tested: 5 heartbeat periods and more than one read timeout (6 s).
          Thread.sleep(7_000);
          waitingAtThaw[0] = outstanding.get();
        } finally {
          frozen.set(false);
          redis.thaw();
        }
        assertTrue(sentWhileFrozen.size() <= 2,
            "commands sent while Redis was frozen for 7 s: " + sentWhileFrozen + " (one heartbeat and one read at most)");
        assertTrue(waitingAtThaw[0] <= 3, "commands waiting for Redis after 7 s: " + waitingAtThaw[0]);
      } finally {
        backplane.close();
      }
    }
  }
}

package io.duplex.bench.jmh;

import com.google.gson.JsonArray;
import io.duplex.Duplex;
import io.duplex.Topic;
import io.duplex.bench.app.BenchPage;
import io.duplex.bench.app.Message;
import io.duplex.bench.server.BenchTarget;
import io.duplex.internal.DuplexRuntime;
import io.duplex.internal.protocol.Call;
import io.duplex.internal.remote.InvocationContext;
import io.duplex.internal.reverse.ScriptSessionImpl;
import io.duplex.internal.reverse.ScriptSessionManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the publishing thread pays for one topic publish to N subscribed pages, next to a page
 * broadcast ({@code addMessage} through a typed proxy targeted by page URL, as {@link
 * BroadcastBenchmark}) to the same N pages: both convert the message once and queue it to each page;
 * the topic walks its subscriber set, the broadcast the page's index set. Every page is on the
 * broadcast page and subscribed, through the engine's own {@code duplex.subscribe} call. Pages
 * acknowledge everything every 256 pushes, as live pages do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TopicBenchmark {
  private static final String TEXT = "The quick brown fox jumps over the lazy dog 0123!?";
  private static final String TOPIC = "bench";

  @Param({"10000"})
  public int sessions;

  private Duplex duplex;
  private BenchPage pages;
  private Topic topic;
  private final List<ScriptSessionImpl> open = new ArrayList<>();
  private long seq;

  @Setup(Level.Trial)
  public void setUp() {
    // Pages made here never make a request: without a long first-contact timeout they would end
    // mid-measurement.
    duplex = Duplex.builder().firstContactTimeoutMillis(24 * 3_600_000L).topics(TOPIC).build();
    DuplexRuntime runtime = DuplexRuntime.of(duplex);
    ScriptSessionManager manager = runtime.sessions();
    JsonArray args = new JsonArray();
    args.add(TOPIC);
    for (int i = 0; i < sessions; i++) {
      ScriptSessionImpl page = manager.create(BenchTarget.BROADCAST_PAGE, "owner-" + i, "http-" + i, null);
      InvocationContext context = new InvocationContext(page, null, role -> false, null, null, Map.of());
      var outcome = runtime.dispatcher().invoke(new Call(1, "duplex", "subscribe", args), context).join();
      if (outcome.failed()) {
        throw new IllegalStateException("subscribe refused: " + outcome.error().code());
      }
      open.add(page);
    }
    pages = duplex.browser().page(BenchTarget.BROADCAST_PAGE).proxy(BenchPage.class);
    topic = duplex.topic(TOPIC);
    if (topic.count() != sessions) {
      throw new IllegalStateException(topic.count() + " subscribers, expected " + sessions);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    duplex.close();
  }

  @Benchmark
  public void pageBroadcast() {
    long s = ++seq;
    pages.addMessage(new Message(s, System.nanoTime(), TEXT));
    acknowledgeNow(s);
  }

  @Benchmark
  public void topicPublish() {
    long s = ++seq;
    topic.publish(new Message(s, System.nanoTime(), TEXT));
    acknowledgeNow(s);
  }

  private void acknowledgeNow(long s) {
    if ((s & 255) == 0) {
      for (ScriptSessionImpl session : open) {
        session.queue().acknowledge(Long.MAX_VALUE);
      }
    }
  }
}

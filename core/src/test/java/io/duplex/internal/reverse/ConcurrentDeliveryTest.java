package io.duplex.internal.reverse;

import static io.duplex.internal.reverse.TestPages.parse;
import static io.duplex.internal.reverse.TestPages.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.duplex.Browser;
import io.duplex.ScriptBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several threads publish while readers deliver and acknowledge, as held connections would: every
 * page must run every call exactly once, each publisher's calls in its order, buffers unbroken.
 */
class ConcurrentDeliveryTest {
  private static final int PUBLISHERS = 4;
  private static final int ROUNDS = 1000;
  private static final int PAGES = 8;

  private final TestPages pages = new TestPages(b -> b.maxQueuedCalls(1_000_000).maxQueuedBytes(1L << 30));
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void close() {
    threads.shutdownNow();
    pages.close();
  }

  @Test
  void everyPageRunsEveryCallOnceInPublisherOrder() throws Exception {
    Browser browser = pages.manager.browser();
    List<ScriptSessionImpl> open = new ArrayList<>();
    for (int i = 0; i < PAGES; i++) {
      open.add(pages.open("/live.html"));
    }
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean publishing = new AtomicBoolean(true);

    List<Future<List<JsonObject>>> readers = new ArrayList<>();
    for (ScriptSessionImpl page : open) {
      readers.add(threads.submit(() -> readAndAcknowledge(page, publishing)));
    }
    List<Future<?>> publishers = new ArrayList<>();
    for (int p = 0; p < PUBLISHERS; p++) {
      int publisher = p;
      publishers.add(
          threads.submit(
              () -> {
                start.await();
                for (int round = 0; round < ROUNDS; round++) {
                  if (round % 10 == 0) {
                    browser.page("/live.html").send(
                        ScriptBuffer.create().call("batch", publisher, round, 0).call("batch", publisher, round, 1));
                  } else {
                    browser.page("/live.html").call("single", publisher, round);
                  }
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> publisher : publishers) {
      publisher.get(60, TimeUnit.SECONDS);
    }
    publishing.set(false);

    int perPage = PUBLISHERS * (ROUNDS + ROUNDS / 10);
    for (Future<List<JsonObject>> reader : readers) {
      List<JsonObject> ran = reader.get(60, TimeUnit.SECONDS);
      assertEquals(perPage, ran.size());
      checkOrder(ran);
    }
  }

  /**
   * Acts like a held stream and its page: sleeps until signalled, writes what is past the page's
   * last seq, gap-checks as the page does, acknowledges.
   */
  private static List<JsonObject> readAndAcknowledge(ScriptSessionImpl page, AtomicBoolean publishing)
      throws InterruptedException {
    Semaphore wake = new Semaphore(0);
    page.queue().setSignal(wake::release);
    List<JsonObject> ran = new ArrayList<>();
    long lastSeq = 0;
    while (true) {
      boolean last = !publishing.get();
      JsonObject reverse = parse(write(page.queue(), lastSeq));
      assertTrue(!reverse.has("resync"), "nothing may be dropped");
      if (reverse.has("calls")) {
        for (JsonElement element : reverse.getAsJsonArray("calls")) {
          JsonObject call = element.getAsJsonObject();
          long seq = call.get("seq").getAsLong();
          assertEquals(lastSeq + 1, seq, "no gap and no duplicate");
          lastSeq = seq;
          ran.add(call);
        }
        page.queue().acknowledge(lastSeq);
      }
      if (last && !page.queue().hasPendingAfter(lastSeq)) {
        return ran;
      }
      if (!page.queue().hasPendingAfter(lastSeq)) {
        wake.tryAcquire(20, TimeUnit.MILLISECONDS);
      }
    }
  }

  private static void checkOrder(List<JsonObject> ran) {
    Map<Integer, Integer> nextRound = new HashMap<>();
    for (int i = 0; i < ran.size(); i++) {
      JsonObject call = ran.get(i);
      var args = call.getAsJsonArray("args");
      int publisher = args.get(0).getAsInt();
      int round = args.get(1).getAsInt();
      if (call.get("fn").getAsString().equals("batch")) {
        assertEquals(0, args.get(2).getAsInt());
        JsonObject second = ran.get(++i);
        assertEquals("batch", second.get("fn").getAsString(), "a buffer's calls are consecutive");
        assertEquals(args.get(0), second.getAsJsonArray("args").get(0));
        assertEquals(1, second.getAsJsonArray("args").get(2).getAsInt());
      }
      int expected = nextRound.getOrDefault(publisher, 0);
      assertEquals(expected, round, "publisher " + publisher + " in order");
      nextRound.put(publisher, round + 1);
    }
    for (int p = 0; p < PUBLISHERS; p++) {
      assertEquals(ROUNDS, nextRound.get(p));
    }
  }
}

package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.ReverseAjax;
import io.duplex.servlet.DuplexTestClient.Response;
import java.util.concurrent.CompletableFuture;

/** The delivery promises in comet long-poll mode: a held /reverse answered with one object. */
class LongPollDeliveryTest extends DeliveryModeTest {
  @Override
  Duplex.Builder mode(Duplex.Builder builder) {
    return builder.reverseAjax(ReverseAjax.COMET).streaming(false).maxHoldMillis(1_500).maxWaitAfterWriteMillis(5);
  }

  @Override
  DeliveryLoop startLoop(DuplexTestClient page) {
    return new PageLoop(page);
  }

  /** Only called when calls are waiting, so the poll is answered at once. */
  @Override
  JsonObject fetchOnce(DuplexTestClient page) {
    return reverseOf(page.reverse());
  }

  /** The poll that carries the ack is held until the next call is queued. */
  @Override
  JsonObject acknowledgeThenReceive(DuplexTestClient page, Runnable queueNext) {
    long ack = page.ack();
    CompletableFuture<Response> poll = CompletableFuture.supplyAsync(page::reverse);
    Await.until(() -> stats(page).ackedSeq() == ack || poll.isDone(), "the poll to arrive");
    assertFalse(poll.isDone(), "held: " + (poll.isDone() ? poll.join().body() : ""));
    queueNext.run();
    return reverseOf(poll.join());
  }

  @Override
  Response transportRequest(DuplexTestClient page) {
    return page.reverse();
  }
}

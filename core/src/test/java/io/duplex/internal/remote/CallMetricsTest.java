package io.duplex.internal.remote;

import static io.duplex.internal.remote.Calls.error;
import static io.duplex.internal.remote.Calls.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.ClientVisible;
import io.duplex.Duplex;
import io.duplex.DuplexMetrics;
import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import io.duplex.internal.protocol.CallOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Every call to an exposed method is reported once with its outcome; other calls are not. */
class CallMetricsTest {

  @ClientVisible(code = "FULL")
  public static class Full extends RuntimeException {
    public Full() {
      super("full");
    }
  }

  @RemoteService(name = "Chat")
  public static class Chat {
    final CompletableFuture<String> later = new CompletableFuture<>();

    @RemoteMethod public String send(String text) {
      if (text.equals("overflow")) {
        throw new Full();
      }
      return text;
    }

    @RemoteMethod public CompletableFuture<String> later() { return later; }
  }

  record Report(String service, String method, String code, long nanos) {}

  private final Chat chat = new Chat();
  private final List<Report> reports = new ArrayList<>();
  private final DuplexMetrics recorder =
      (service, method, code, nanos) -> reports.add(new Report(service, method, code, nanos));

  @Test
  void eachCallToAnExposedMethodIsReportedWithItsOutcome() {
    Duplex duplex = Duplex.builder().expose(Chat.class, () -> chat).build();
    Calls calls = Calls.of(duplex);
    calls.call("Chat", "send", "[\"before\"]");
    duplex.addMetrics(recorder);

    value(calls.call("Chat", "send", "[\"a\"]"));
    error(calls.call("Chat", "send", "[\"overflow\"]"), "FULL");
    error(calls.call("Chat", "send", "[1, 2]"), "UNKNOWN_METHOD");
    error(calls.call("Chat", "nope", "[]"), "UNKNOWN_METHOD");
    error(calls.call("Nope", "send", "[]"), "UNKNOWN_SERVICE");

    assertEquals(
        List.of("Chat.send:null", "Chat.send:FULL", "Chat.send:UNKNOWN_METHOD"),
        reports.stream().map(r -> r.service() + "." + r.method() + ":" + r.code()).toList());
    assertTrue(reports.stream().allMatch(r -> r.nanos() > 0));

    duplex.removeMetrics(recorder);
    calls.call("Chat", "send", "[\"after\"]");
    assertEquals(3, reports.size());
    duplex.close();
  }

  @Test
  void anAsynchronousCallIsReportedWhenItsFutureCompletes() {
    Duplex duplex = Duplex.builder().expose(Chat.class, () -> chat).build();
    duplex.addMetrics(recorder);
    CompletableFuture<CallOutcome> pending = Calls.of(duplex).start(TestContext.anonymous().build(), "Chat", "later", "[]");
    assertEquals(List.of(), reports);

    chat.later.completeExceptionally(new Full());
    error(pending.join(), "FULL");
    assertEquals(List.of("Chat.later:FULL"), reports.stream().map(r -> r.service() + "." + r.method() + ":" + r.code()).toList());
    duplex.close();
  }

  @Test
  void aListenerThatThrowsDoesNotFailTheCall() {
    Duplex duplex = Duplex.builder().expose(Chat.class, () -> chat).build();
    duplex.addMetrics((service, method, code, nanos) -> { throw new IllegalStateException("broken meter"); });
    duplex.addMetrics(recorder);

    assertEquals("a", value(Calls.of(duplex).call("Chat", "send", "[\"a\"]")));
    assertEquals(1, reports.size());
    duplex.close();
  }
}

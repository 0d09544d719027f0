package io.duplex.internal.remote;

import static io.duplex.internal.remote.Calls.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.Duplex;
import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import io.duplex.Scope;
import io.duplex.internal.DuplexRuntime;
import io.duplex.internal.reverse.ScriptSessionImpl;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A service made from the Duplex that exposes it can call the browser without a static holder. */
class DuplexFactoryTest {
  /** Every Duplex a factory was given, in order. */
  static final List<Duplex> GIVEN = new ArrayList<>();

  @RemoteService(name = "Notifier")
  public static class Notifier {
    private final Duplex duplex;

    public Notifier(Duplex duplex) {
      synchronized (GIVEN) {
        GIVEN.add(duplex);
      }
      this.duplex = duplex;
    }

    @RemoteMethod
    public int tell(String page, String text) {
      duplex.browser().page(page).call("notify", text);
      return duplex.browser().page(page).count();
    }
  }

  /** Not annotated: exposed by name with its methods listed. */
  public static class PerPage {
    private final Duplex duplex;

    public PerPage(Duplex duplex) {
      synchronized (GIVEN) {
        GIVEN.add(duplex);
      }
      this.duplex = duplex;
    }

    public void ping() {
      duplex.browser().currentPage().call("pong");
    }
  }

  @Test
  void annotatedServiceIsMadeLazilyFromTheBuiltDuplexAndPushesThroughIt() {
    synchronized (GIVEN) {
      GIVEN.clear();
    }
    Duplex duplex = Duplex.builder().exposeWithDuplex(Notifier.class, Notifier::new).build();
    try (duplex) {
      assertTrue(GIVEN.isEmpty(), "the factory ran before any call");
      DuplexRuntime runtime = DuplexRuntime.of(duplex);
      ScriptSessionImpl inbox = runtime.sessions().create("/inbox.html", "owner-1", "http-1", null);
      Calls calls = Calls.of(runtime);

      Object reached = value(calls.call(TestContext.anonymous().page(inbox).build(), "Notifier", "tell", "[\"/inbox.html\", \"hi\"]"));
      value(calls.call(TestContext.anonymous().page(inbox).build(), "Notifier", "tell", "[\"/inbox.html\", \"again\"]"));

      assertEquals(1, reached);
      assertEquals(List.of(duplex), GIVEN, "one APPLICATION instance, made from the Duplex that exposes it");
      assertEquals(2, inbox.queueStats().depth(), "both pushes queued to the page");
    }
  }

  @Test
  void namedServiceGetsTheDuplexOncePerItsScope() {
    synchronized (GIVEN) {
      GIVEN.clear();
    }
    Duplex.Builder builder = Duplex.builder();
    builder.exposeWithDuplex("PerPage", PerPage.class, PerPage::new).methods("ping").scope(Scope.SCRIPT_SESSION);
    Duplex duplex = builder.build();
    try (duplex) {
      DuplexRuntime runtime = DuplexRuntime.of(duplex);
      ScriptSessionImpl first = runtime.sessions().create("/a.html", "owner-1", "http-1", null);
      ScriptSessionImpl second = runtime.sessions().create("/b.html", "owner-2", "http-2", null);
      Calls calls = Calls.of(runtime);

      Calls.assertEmpty(calls.call(TestContext.anonymous().page(first).build(), "PerPage", "ping", "[]"));
      Calls.assertEmpty(calls.call(TestContext.anonymous().page(first).build(), "PerPage", "ping", "[]"));
      Calls.assertEmpty(calls.call(TestContext.anonymous().page(second).build(), "PerPage", "ping", "[]"));

      assertEquals(2, GIVEN.size(), "one instance per page");
      GIVEN.forEach(given -> assertSame(duplex, given));
      assertEquals(2, first.queueStats().depth());
      assertEquals(1, second.queueStats().depth());
    }
  }
}

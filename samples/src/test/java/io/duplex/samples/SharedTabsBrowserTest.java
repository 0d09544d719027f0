package io.duplex.samples;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.duplex.Duplex;
import io.duplex.ReverseAjax;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Eight tabs of one site in one browser (one context: one HTTP session, one SharedWorker, Web Lock
 * and BroadcastChannel scope) share one held connection, counted on the server: the site's
 * SharedWorker holds it for every tab's page (its own page is the first tab's) and passes each tab
 * its reverse calls. Every tab gets every push exactly once and in order; when the first tab closes,
 * the worker opens the connection again for the seven left, which go on with nothing lost or
 * repeated, pushes sent during the takeover included. One subclass per held mode, and one whose
 * worker fails to start, where a tab elected with a Web Lock holds the connection instead.
 */
@ExtendWith(SharedChromium.class)
abstract class SharedTabsBrowserTest {
  private static final int TABS = 8;
  private static final long WAIT_MILLIS = 15_000;
  /** The page function the pushes call, and what it was called with. */
  private static final String RECORDER = "() => { window.got = []; window.tabsTest = { n: (x) => got.push(x) }; }";

  abstract ReverseAjax mode();

  abstract boolean streaming();

  /** What {@code duplex.transport} says in this mode. */
  abstract String transport();

  /**
   * Whether the site's worker fails to start (its script answers 404: every SharedWorker the page
   * makes is pointed at a missing script before the page's scripts run), so that a leader tab
   * holds the connection instead.
   */
  boolean withoutSharedWorker() {
    return false;
  }

  @Test
  void eightTabsHoldOneConnectionAndGoOnWhenTheLeaderCloses(Browser browser) throws Exception {
    SamplesOptions options = SamplesOptions.defaults().withHost("127.0.0.1").withPort(0).withMode(mode(), streaming());
    try (SamplesApp app = SamplesApp.start(options)) {
      Duplex duplex = app.duplex();
      BrowserContext context = browser.newContext();
      if (withoutSharedWorker()) {
        context.addInitScript(
            "(() => { const Real = window.SharedWorker;"
                + " window.SharedWorker = function (url, options) { return new Real('/duplex/no-such-worker.js', options); }; })()");
      }
      try {
        List<Page> tabs = new ArrayList<>();
        for (int i = 0; i < TABS; i++) {
          Page tab = context.newPage();
          tab.setDefaultTimeout(WAIT_MILLIS);
          tab.navigate("http://127.0.0.1:" + app.port() + "/hello.html");
          assertThat(tab.locator("#status")).hasAttribute("data-state", "online");
          tab.evaluate(RECORDER);
          tabs.add(tab);
        }
        until(() -> carried(tabs, TABS), withoutSharedWorker() ? "one leader tab, seven followers" : "eight tabs on the worker");
        until(() -> duplex.heldConnections().total() == 1, "one held connection for eight tabs");
        for (Page tab : tabs) {
          assertEquals(transport(), tab.evaluate("duplex.transport"), "not told to poll");
        }

        push(duplex, 1, 5);
        for (Page tab : tabs) {
          tab.waitForFunction("n => got.length >= n", 5);
        }
        assertEquals(1, duplex.heldConnections().total());

        // The leader, or the tab whose page is the worker's connection's own (it joined first).
        Page first = withoutSharedWorker() ? leaders(tabs).get(0) : tabs.get(0);
        first.close();
        tabs.remove(first);
        // Pushed while the leader's connection is going and the next one is not open yet.
        push(duplex, 6, 10);
        for (Page tab : tabs) {
          tab.waitForFunction("n => got.length >= n", 10);
        }
        until(() -> carried(tabs, TABS - 1), "the seven carried again");
        until(() -> duplex.heldConnections().total() == 1, "one held connection for the seven");
        push(duplex, 11, 12);
        for (Page tab : tabs) {
          tab.waitForFunction("n => got.length >= n", 12);
        }
        String all = IntStream.rangeClosed(1, 12).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
        for (Page tab : tabs) {
          assertEquals(all, tab.evaluate("JSON.stringify(got)"), "every push once, in order, in a " + tab.evaluate("duplex.shared"));
        }
        assertEquals(1, duplex.heldConnections().total());
      } finally {
        context.close();
      }
    }
  }

  private static void push(Duplex duplex, int from, int to) {
    for (int i = from; i <= to; i++) {
      duplex.browser().page("/hello.html").call("tabsTest.n", i);
    }
  }

  /** All tabs on the worker, or (without SharedWorker) one leader and the others following it. */
  private boolean carried(List<Page> tabs, int count) {
    if (tabs.size() != count) {
      return false;
    }
    if (withoutSharedWorker()) {
      return leaders(tabs).size() == 1 && followers(tabs) == count - 1;
    }
    return tabs.stream().allMatch(t -> "worker".equals(t.evaluate("duplex.shared")));
  }

  private static List<Page> leaders(List<Page> tabs) {
    return tabs.stream().filter(t -> "leader".equals(t.evaluate("duplex.shared"))).collect(Collectors.toList());
  }

  private static int followers(List<Page> tabs) {
    return (int) tabs.stream().filter(t -> "follower".equals(t.evaluate("duplex.shared"))).count();
  }

  /** Polls {@code condition} until it holds; fails after a few seconds. */
  private static void until(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}

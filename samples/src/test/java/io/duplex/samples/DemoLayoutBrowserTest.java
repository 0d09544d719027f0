package io.duplex.samples;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ScreenshotAnimations;
import io.duplex.ReverseAjax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every demo page, with live content in it, lays out without clipping from a phone's width (360 px)
 * through a small window's (800 px) to a wide screen's (1400 px): the page never scrolls sideways, no
 * box scrolls or spills its content sideways, and every visible button, input, select and link lies
 * inside the viewport's width, inside every ancestor that clips or scrolls, and is not covered by
 * another element. One app, one browser context per page; each page is resized in place.
 *
 * <p>With {@code -Dduplex.screenshots=DIR} it also writes viewport-height PNGs of every page at 360
 * and 1400 px into DIR (a relative DIR is taken from the repository root); README's samples section
 * shows the ones in {@code docs/screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedChromium.class)
class DemoLayoutBrowserTest {
  /** 360 px (a phone) to 1400 px (a wide screen) in steps of 80 px, and 800 px, where the call center used to clip. */
  private static final int[] WIDTHS =
      IntStream.concat(IntStream.iterate(360, w -> w < 1400, w -> w + 80), IntStream.of(800, 1400)).sorted().distinct().toArray();
  private static final int[] SCREENSHOT_WIDTHS = {360, 1400};

  /** The problems the page shows at its current size, as readable lines; empty when it lays out well. */
  private static final String LAYOUT_PROBLEMS =
      """
      () => {
        const problems = new Map();
        const problem = (text) => problems.set(text, (problems.get(text) || 0) + 1);
        const slack = 0.5;
        const vw = document.documentElement.clientWidth;
        const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
            + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
            + (el.matches('button, a') ? ' "' + el.textContent.trim().replace(/\\s+/g, ' ').slice(0, 30) + '"' : '');
        // Hidden for the eye but not for screen readers: the 1 px clipped box of .visually-hidden.
        const forScreenReaders = (el) => {
          for (let e = el; e; e = e.parentElement) {
            const r = e.getBoundingClientRect();
            if (r.width <= 1 && r.height <= 1 && getComputedStyle(e).overflowX !== 'visible') return true;
          }
          return false;
        };
        const rendered = (el) => {
          const r = el.getBoundingClientRect();
          return (r.width > 0 || r.height > 0) && getComputedStyle(el).visibility !== 'hidden' && !forScreenReaders(el);
        };
        if (document.documentElement.scrollWidth > innerWidth) {
          problem('the page is ' + document.documentElement.scrollWidth + ' px wide in a ' + innerWidth + ' px window');
        }
        const clips = (s) => s.overflowX !== 'visible' || s.overflowY !== 'visible';
        for (const el of document.body.querySelectorAll('*')) {
          if (el.matches('input, textarea, select') || !rendered(el)) continue;
          if (el.clientWidth === 0 || el.scrollWidth <= el.clientWidth + 1) continue;
          problem(name(el) + (clips(getComputedStyle(el)) ? ' scrolls sideways: ' : ' overflows: ')
              + el.scrollWidth + ' px of content in ' + el.clientWidth + ' px');
        }
        for (const el of document.body.querySelectorAll('button, input, select, textarea, a[href]')) {
          if (!rendered(el) || el.type === 'hidden') continue;
          const r = el.getBoundingClientRect();
          if (r.left < -slack || r.right > vw + slack) {
            problem(name(el) + ' spans x ' + Math.round(r.left) + '..' + Math.round(r.right) + ' in a ' + vw + ' px viewport');
            continue;
          }
          let clipped = false;
          for (let p = el.parentElement; p && p !== document.body && p !== document.documentElement; p = p.parentElement) {
            if (!clips(getComputedStyle(p))) continue;
            const box = p.getBoundingClientRect();
            const left = box.left + p.clientLeft, top = box.top + p.clientTop;
            if (r.left < left - slack || r.right > left + p.clientWidth + slack
                || r.top < top - slack || r.bottom > top + p.clientHeight + slack) {
              problem(name(el) + ' is cut off by ' + name(p));
              clipped = true;
              break;
            }
          }
          if (clipped) continue;
          const x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
          if (y >= 0 && y < innerHeight) {
            const top = document.elementFromPoint(x, y);
            if (top && top !== el && !el.contains(top) && !(el.labels && [...el.labels].some((l) => l.contains(top)))) {
              problem(name(el) + ' is covered by ' + name(top));
            }
          }
        }
        return [...problems].map(([text, n]) => n > 1 ? text + ' (' + n + ' times)' : text);
      }
      """;

  private BrowserHarness harness;

  @BeforeAll
  void startApp(Browser shared) throws Exception {
    harness = new BrowserHarness(shared, ReverseAjax.COMET, true, DemoPagesBrowserTest.FAST);
  }

  @AfterAll
  void stopApp() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void everyDemoPageLaysOutWithoutClippingFrom360To1400PxWide() throws Exception {
    List<String> problems = new ArrayList<>();
    problems.addAll(check("index", "", page -> {}));
    problems.addAll(check("hello", "hello.html", DemoLayoutBrowserTest::greet));
    problems.addAll(check("chat", "chat.html", this::chat));
    problems.addAll(check("rater", "rater.html", DemoLayoutBrowserTest::rate));
    problems.addAll(check("callcenter", "callcenter.html", DemoLayoutBrowserTest::waitForCallers));
    problems.addAll(check("ticker", "ticker.html", DemoLayoutBrowserTest::waitForPrices));
    // An agent on a call: the answered call's form next to (or under) a table of disabled buttons.
    problems.addAll(check("callcenter-on-call", "callcenter.html", DemoLayoutBrowserTest::answerACall));
    assertEquals(List.of(), problems, "layout problems");
    List<String> errors =
        harness.consoleErrors.stream()
            .filter(e -> e.startsWith("page error") || e.contains("Content Security Policy"))
            .toList();
    assertEquals(List.of(), errors);
  }

  /** Opens the page, fills it, then checks it at every width; writes screenshots when asked. */
  private List<String> check(String name, String path, Consumer<Page> fill) throws Exception {
    Page page = harness.newPage();
    page.setViewportSize(WIDTHS[WIDTHS.length - 1], 900);
    page.navigate(harness.url(path));
    assertThat(page.locator("#status")).hasAttribute("data-state", "online");
    fill.accept(page);
    page.mouse().move(0, 0); // a star left under the pointer grows on hover: not layout
    List<String> problems = new ArrayList<>();
    for (int width : WIDTHS) {
      page.setViewportSize(width, height(width));
      @SuppressWarnings("unchecked")
      List<String> found = (List<String>) page.evaluate(LAYOUT_PROBLEMS);
      for (String problem : found) {
        problems.add(name + " at " + width + " px: " + problem);
      }
    }
    Path dir = screenshotDirectory();
    if (dir != null && !name.endsWith("-on-call")) {
      Files.createDirectories(dir);
      page.evaluate("() => { document.activeElement?.blur(); scrollTo(0, 0); }");
      for (int width : SCREENSHOT_WIDTHS) {
        page.setViewportSize(width, height(width));
        page.screenshot(
            new Page.ScreenshotOptions()
                .setPath(dir.resolve(name + "-" + width + ".png"))
                .setAnimations(ScreenshotAnimations.DISABLED));
      }
    }
    return problems;
  }

  private static int height(int width) {
    return width < 600 ? 740 : 900;
  }

  /** The directory named by {@code duplex.screenshots}, relative to the repository root; null if unset. */
  private static Path screenshotDirectory() {
    String dir = System.getProperty("duplex.screenshots", "");
    if (dir.isBlank()) {
      return null;
    }
    Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    return module.getParent().resolve(dir).normalize();
  }

  private static void greet(Page page) {
    page.fill("#name", "Ada Lovelace");
    page.click("#hello-form button");
    assertThat(page.locator("#greeting")).not().isEmpty();
  }

  private void chat(Page page) {
    Page other = harness.newPage();
    other.navigate(harness.url("chat.html"));
    join(other, "Bartholomew");
    join(page, "Ada");
    other.fill("#message", "Hello Ada! Has the new transport reached production yet?");
    other.press("#message", "Enter");
    page.fill("#message", "Not yet: https://example.com/a/rather/long/address/without/any/spaces/in/it/at/all");
    page.press("#message", "Enter");
    assertThat(page.locator("#messages .message")).hasCount(2);
  }

  private static void join(Page page, String nickname) {
    page.fill("#nickname", nickname);
    page.click("#join-form button");
    assertThat(page.locator("#send-form")).isVisible();
  }

  private static void rate(Page page) {
    page.locator(".talk").first().locator(".star[data-stars='4']").click();
    assertThat(page.locator(".talk").first().locator(".star.on")).hasCount(4);
    assertThat(page.locator("#live-remaining")).not().isEmpty();
  }

  private static void waitForCallers(Page page) {
    page.fill("#agent", "Agent Ada");
    assertThat(page.locator("#caller-rows tr button").first()).isVisible();
  }

  private static void answerACall(Page page) {
    waitForCallers(page);
    page.locator("#caller-rows tr button").first().click();
    assertThat(page.locator("#call-form")).isVisible();
    assertThat(page.locator("#caller-rows tr button").first()).isVisible();
  }

  private static void waitForPrices(Page page) {
    assertThat(page.locator("#quotes tr")).hasCount(6);
    assertThat(page.locator("#clock")).not().hasText("--:--:--");
  }
}

package io.duplex.samples;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The debug page ({@code --debug=true}) in real Chromium under the samples' strict CSP: it lists a
 * live page with its page name and transport, calls a method through its form, and its figures
 * follow; without debug the same address is refused.
 */
@ExtendWith(SharedChromium.class)
class DebugPageBrowserTest {
  private static BrowserHarness harness;

  @BeforeAll
  static void start(Browser shared) throws Exception {
    harness = new BrowserHarness(shared, options -> options.withDebug(true), DemoSettings.defaults());
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static Locator figure(Page page, String name) {
    return page.locator("#figures tr[data-figure='" + name + "'] td");
  }

  @Test
  void listsALivePageCallsAMethodThroughItsFormAndItsFiguresFollow() {
    Page hello = harness.newPage();
    hello.navigate(harness.url("hello.html"));

    Page debug = harness.newPage();
    Response response = debug.navigate(harness.url("duplex/debug/"));
    assertEquals(200, response.status());

    Locator helloRow = debug.locator("#pages tr.page", new Page.LocatorOptions().setHasText("/hello.html"));
    assertThat(helloRow).hasCount(1);
    assertThat(helloRow.locator("td").nth(2)).hasText("streaming");
    // The hello page and the debug page itself each hold a stream.
    assertThat(figure(debug, "held: streaming")).hasText("2");
    assertThat(figure(debug, "calls")).hasText("0");

    Locator add = debug.locator("form[data-method='Hello.add']");
    add.locator("input").nth(0).fill("2");
    add.locator("input").nth(1).fill("40");
    add.locator("button").click();
    assertThat(add.locator("output")).hasText("→ 42");
    assertThat(figure(debug, "calls")).hasText("1");
    assertThat(figure(debug, "calls: Hello.add")).hasText("1");

    Locator greet = debug.locator("form[data-method='Hello.greet']");
    greet.locator("input").nth(0).fill("\"\""); // JSON for the empty string
    greet.locator("button").click();
    assertThat(greet.locator("output")).hasText("✗ NAME_REQUIRED: Please type a name first");
    assertThat(figure(debug, "call errors: NAME_REQUIRED")).hasText("1");

    harness.screenshot(debug, "debug-page");
    List<String> violations =
        harness.consoleErrors.stream().filter(e -> e.contains("Content Security Policy")).toList();
    assertEquals(List.of(), violations);
  }

  @Test
  void withoutDebugTheAddressIsRefused() throws Exception {
    try (SamplesApp plain = SamplesApp.start(SamplesOptions.defaults().withHost("127.0.0.1").withPort(0))) {
      Page page = harness.newPage();
      Response response = page.navigate("http://127.0.0.1:" + plain.port() + "/duplex/debug/");
      assertEquals(404, response.status());
      String body = response.text();
      assertTrue(body.contains("DEBUG_DISABLED"), body);
      assertFalse(body.contains("<html"), body);
    }
  }
}

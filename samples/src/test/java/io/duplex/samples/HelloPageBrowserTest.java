package io.duplex.samples;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.duplex.ReverseAjax;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The hello page in real Chromium, under the app's strict Content-Security-Policy. */
@ExtendWith(SharedChromium.class)
class HelloPageBrowserTest {
  private static BrowserHarness harness;

  @BeforeAll
  static void start(Browser shared) throws Exception {
    harness = new BrowserHarness(shared, ReverseAjax.COMET, true);
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void greetingComesFromJava() {
    Page page = harness.newPage();
    page.navigate(harness.url("hello.html"));
    page.fill("#name", "Ada");
    page.click("#hello-form button");
    assertThat(page.locator("#greeting")).hasText("Hello, Ada!");
    harness.screenshot(page, "hello");
  }

  @Test
  void threeCallsInABatchTakeOneRequest() {
    Page page = harness.newPage();
    page.navigate(harness.url("hello.html"));
    page.click("#batch");
    assertThat(page.locator("#batch-result"))
        .hasText("add=5; greet=Hello, batch!; greetLater=Hello, async!; HTTP requests: 1");
  }

  @Test
  void aDwrStyleCallbackReachesTheShorterOverload() {
    Page page = harness.newPage();
    page.navigate(harness.url("hello.html"));
    // greet(name) and greet(name, greeting): a trailing function is greet(name)'s callback.
    Object viaCallback = page.evaluate(
            "() => new Promise((resolve, reject) => Hello.greet('Ada', resolve).catch((e) => reject(e.code)))");
    Object withGreeting = page.evaluate("() => Hello.greet('Ada', 'Hi')");
    assertEquals("Hello, Ada!", viaCallback);
    assertEquals("Hi, Ada!", withGreeting);
  }

  @Test
  void aFailedCallShowsItsErrorCode() {
    Page page = harness.newPage();
    page.navigate(harness.url("hello.html"));
    page.click("#fail");
    assertThat(page.locator("#error-result")).hasText("NAME_REQUIRED: Please type a name first");
  }

  @Test
  void pagesRunUnderTheStrictPolicyWithoutViolations() {
    Page page = harness.newPage();
    page.navigate(harness.url("hello.html"));
    page.fill("#name", "CSP");
    page.click("#hello-form button");
    assertThat(page.locator("#greeting")).hasText("Hello, CSP!");
    List<String> violations =
        harness.consoleErrors.stream().filter(e -> e.contains("Content Security Policy")).toList();
    assertEquals(List.of(), violations);
  }
}

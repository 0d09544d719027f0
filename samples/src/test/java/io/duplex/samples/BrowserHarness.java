package io.duplex.samples;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.duplex.ReverseAjax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One samples app per test class, driven by the run's shared headless Chromium. Each
 * {@link #newPage()} gets its own browser context, so two pages are two users with separate HTTP
 * sessions, like two browser windows of different people.
 */
final class BrowserHarness implements AutoCloseable {
  static final Path SCREENSHOTS = Paths.get("target", "screenshots");

  private final Browser browser;
  private final SamplesApp app;
  private final List<BrowserContext> contexts = new CopyOnWriteArrayList<>();
  /** Console errors of every page, e.g. Content-Security-Policy violations. */
  final List<String> consoleErrors = new CopyOnWriteArrayList<>();

  BrowserHarness(Browser browser, ReverseAjax mode, boolean streaming) throws Exception {
    this(browser, mode, streaming, DemoSettings.defaults());
  }

  BrowserHarness(Browser browser, ReverseAjax mode, boolean streaming, DemoSettings demos) throws Exception {
    this(browser, options -> options.withMode(mode, streaming), demos);
  }

  /** An app started with the default options on a free loopback port, changed by {@code options}. */
  BrowserHarness(Browser browser, java.util.function.UnaryOperator<SamplesOptions> options, DemoSettings demos)
      throws Exception {
    PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    this.browser = browser;
    app = SamplesApp.start(options.apply(SamplesOptions.defaults().withHost("127.0.0.1").withPort(0)), demos);
    Files.createDirectories(SCREENSHOTS);
  }

  String url(String path) {
    return "http://127.0.0.1:" + app.port() + "/" + path;
  }

  SamplesApp app() {
    return app;
  }

  /** A page in a fresh context (own cookies, so its own HTTP session). */
  Page newPage() {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1100, 800));
    contexts.add(context);
    Page page = context.newPage();
    page.setDefaultTimeout(15_000);
    page.onConsoleMessage(
        message -> {
          if ("error".equals(message.type())) {
            consoleErrors.add(message.text());
          }
        });
    page.onPageError(error -> consoleErrors.add("page error: " + error));
    return page;
  }

  void screenshot(Page page, String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
  }

  @Override
  public void close() {
    for (BrowserContext context : contexts) {
      context.close();
    }
    app.close();
  }
}

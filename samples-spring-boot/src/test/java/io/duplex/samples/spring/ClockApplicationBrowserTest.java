package io.duplex.samples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The sample application in headless Chromium (Debian's, offline): pushes and calls in a real page. */
@SpringBootTest(
    classes = ClockApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "server.address=127.0.0.1")
class ClockApplicationBrowserTest {
  private static final String CHROMIUM = System.getProperty("duplex.chromium", "/usr/bin/chromium");
  private static final double WAIT_MILLIS = 10_000;

  private static Playwright playwright;
  private static Browser browser;

  @LocalServerPort int port;
  private BrowserContext first;
  private BrowserContext second;

  @BeforeAll
  static void launch() {
    playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(Paths.get(CHROMIUM))
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-quic",
                            "--no-first-run",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync")));
  }

  @AfterAll
  static void quit() {
    browser.close();
    playwright.close();
  }

  @BeforeEach
  void contexts() {
    // Two contexts are two browsers: separate cookies, so separate HTTP sessions.
    first = browser.newContext();
    second = browser.newContext();
  }

  @AfterEach
  void close() {
    first.close();
    second.close();
  }

  private Page open(BrowserContext context) {
    Page page = context.newPage();
    page.navigate("http://127.0.0.1:" + port + "/");
    return page;
  }

  private static String waitForClockOtherThan(Page page, String previous) {
    page.waitForFunction(
        "previous => { const t = document.getElementById('clock').dateTime; return t && t !== previous; }",
        previous,
        new Page.WaitForFunctionOptions().setTimeout(WAIT_MILLIS));
    return (String) page.evaluate("document.getElementById('clock').dateTime");
  }

  @Test
  void scheduledBeanPushesTheClockToThePage() {
    Page page = open(first);

    String firstTick = waitForClockOtherThan(page, "");
    String secondTick = waitForClockOtherThan(page, firstTick);

    assertNotEquals(firstTick, secondTick);
    assertNotEquals("--:--:--", page.textContent("#clock"));
  }

  @Test
  void pageCallsTheGreeterBeanAndEveryPageHearsOfIt() {
    Page ann = open(first);
    Page watcher = open(second);
    waitForClockOtherThan(watcher, "");  // started: its reverse connection is open

    ann.fill("#name", "Ada");
    ann.click("button[type=submit]");

    ann.waitForFunction(
        "() => document.getElementById('greeting').textContent.startsWith('Hello, Ada')",
        null,
        new Page.WaitForFunctionOptions().setTimeout(WAIT_MILLIS));
    watcher.waitForFunction(
        "() => document.querySelector('#greeted li') !== null",
        null,
        new Page.WaitForFunctionOptions().setTimeout(WAIT_MILLIS));
    assertEquals(true, watcher.textContent("#greeted li").startsWith("Ada (visitor "));
  }

  @Test
  void refusedNameShowsItsErrorCode() {
    Page page = open(first);

    page.click("button[type=submit]");

    page.waitForFunction(
        "() => document.getElementById('greeting').textContent.length > 0",
        null,
        new Page.WaitForFunctionOptions().setTimeout(WAIT_MILLIS));
    assertEquals(true, page.textContent("#greeting").startsWith("NAME_REFUSED: "), page.textContent("#greeting"));
  }
}

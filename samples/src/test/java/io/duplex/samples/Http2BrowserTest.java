package io.duplex.samples;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The samples over HTTP/2: ten comet-streaming tabs of one browser (one context, so one connection
 * pool and one HTTP session) all hold their stream and all get a push. Over HTTP/1.1 the browser's
 * six connections per host would leave tabs beyond the fifth without a stream or a call connection.
 */
@ExtendWith(SharedChromium.class)
class Http2BrowserTest {
  private static final int TABS = 10;
  /** Every resource and fetch of the page (engine.js, /duplex/ calls, the stream) and how it went. */
  private static final String PROTOCOLS =
      "[performance.getEntriesByType('navigation')[0].nextHopProtocol,"
          + " ...performance.getEntriesByType('resource').map(e => e.nextHopProtocol)]";

  @Test
  void tenStreamingChatTabsOfOneBrowserAllGetAMessageOverH2(Browser browser) throws Exception {
    PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    SamplesOptions options =
        SamplesOptions.defaults().withHost("127.0.0.1").withPort(0).withProtocol(HttpProtocol.HTTPS);
    try (SamplesApp app = SamplesApp.start(options)) {
      // The certificate is self-signed, made at startup.
      BrowserContext context = browser.newContext(new Browser.NewContextOptions().setIgnoreHTTPSErrors(true));
      try {
        List<Page> tabs = new ArrayList<>();
        for (int i = 0; i < TABS; i++) {
          Page tab = context.newPage();
          tab.setDefaultTimeout(15_000);
          tab.navigate("https://127.0.0.1:" + app.port() + "/chat.html");
          assertThat(tab.locator("#status")).hasAttribute("data-state", "online");
          tabs.add(tab);
        }
        for (Page tab : tabs) {
          // Held as a stream, not told to poll because the browser holds too many already.
          assertEquals("streaming", tab.evaluate("duplex.transport"));
        }
        Page ann = tabs.get(0);
        ann.fill("#nickname", "ann");
        ann.click("#join-form button");
        assertThat(ann.locator("#send-form")).isVisible();
        ann.fill("#message", "one push, ten tabs");
        ann.press("#message", "Enter");
        for (Page tab : tabs) {
          assertThat(tab.locator("#messages .message .text")).hasText("one push, ten tabs");
          @SuppressWarnings("unchecked")
          List<String> protocols = (List<String>) tab.evaluate(PROTOCOLS);
          assertEquals(List.of("h2"), protocols.stream().distinct().toList(), "protocols of " + tab.url());
          assertEquals("streaming", tab.evaluate("duplex.transport"));
        }
      } finally {
        context.close();
      }
    }
  }

  @Test
  void h2cServesHttp2ToAClientThatAsksForItAndHttp11ToOneThatDoesNot() throws Exception {
    SamplesOptions options =
        SamplesOptions.defaults().withHost("127.0.0.1").withPort(0).withProtocol(HttpProtocol.H2C);
    try (SamplesApp app = SamplesApp.start(options)) {
      URI home = URI.create("http://127.0.0.1:" + app.port() + "/chat.html");
      for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_2, HttpClient.Version.HTTP_1_1)) {
        // The JDK client asks for h2c with "Upgrade: h2c" on its first request.
        HttpClient client = HttpClient.newBuilder().version(version).build();
        HttpResponse<String> response =
            client.send(HttpRequest.newBuilder(home).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals(version, response.version());
      }
    }
  }
}

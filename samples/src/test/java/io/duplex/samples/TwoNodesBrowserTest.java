package io.duplex.samples;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.duplex.redis.RedisProcess;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two sample processes on one real Redis, as README starts them: a page on each, one chat. */
@ExtendWith(SharedChromium.class)
class TwoNodesBrowserTest {
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void stopAll() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  @Test
  void aChatMessageSentOnNodeBReachesThePageOnNodeA(Browser browser) throws Exception {
    PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    RedisProcess redis = RedisProcess.start();
    opened.add(redis);
    SamplesOptions options = SamplesOptions.defaults().withHost("127.0.0.1").withPort(0).withRedis(redis.url());
    SamplesApp nodeA = SamplesApp.start(options);
    opened.add(nodeA::close);
    SamplesApp nodeB = SamplesApp.start(options);
    opened.add(nodeB::close);

    Page ann = chat(browser, nodeA, "ann");
    Page bob = chat(browser, nodeB, "bob");
    bob.fill("#message", "hello from node B");
    bob.press("#message", "Enter");
    assertThat(ann.locator("#messages .message .text")).containsText(new String[] {"hello from node B"});
    assertThat(bob.locator("#messages .message.mine .text")).containsText(new String[] {"hello from node B"});
    // Each process keeps its own chat room (history, message ids, who is here): only pushes are shared.

  }

  private Page chat(Browser browser, SamplesApp node, String nickname) {
    BrowserContext context = browser.newContext();
    opened.add(context::close);
    Page page = context.newPage();
    page.navigate("http://127.0.0.1:" + node.port() + "/chat.html");
    assertThat(page.locator("#status")).hasAttribute("data-state", "online");
    page.fill("#nickname", nickname);
    page.click("#join-form button");
    assertThat(page.locator("#send-form")).isVisible();
    return page;
  }
}

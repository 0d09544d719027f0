package io.duplex.samples;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.duplex.redis.RedisProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two sample processes on one real Redis, as README starts them: a page on each shows one chat, one
 * session rater and one call center (the pushes cross the backplane, the state is in Redis).
 */
@ExtendWith(SharedChromium.class)
class TwoNodesBrowserTest {
  private final List<AutoCloseable> opened = new ArrayList<>();
  private SamplesApp nodeA;
  private SamplesApp nodeB;

  @BeforeEach
  void startTwoNodes() throws Exception {
    PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    RedisProcess redis = RedisProcess.start();
    opened.add(redis);
    SamplesOptions options = SamplesOptions.defaults().withHost("127.0.0.1").withPort(0).withRedis(redis.url());
    // The talk on stage stays put while the rater test compares it on both pages.
    DemoSettings settings = DemoSettings.defaults().withLivePeriod(Duration.ofHours(1));
    nodeA = SamplesApp.start(options, settings);
    opened.add(nodeA::close);
    nodeB = SamplesApp.start(options, settings);
    opened.add(nodeB::close);
  }

  @AfterEach
  void stopAll() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  @Test
  void pagesOnBothNodesShareOneChatHistoryAndWhoIsHere(Browser browser) {
    Page ann = chat(browser, nodeA, "ann");
    ann.fill("#message", "hello from node A");
    ann.press("#message", "Enter");
    assertThat(ann.locator("#messages .message.mine .text")).hasText("hello from node A");

    // Bob opens the chat on the other process after Ann's message: it is in the history he loads.
    Page bob = chat(browser, nodeB, "bob");
    assertThat(bob.locator("#messages .message .text")).hasText(new String[] {"hello from node A"});
    bob.fill("#message", "hello from node B");
    bob.press("#message", "Enter");
    String[] both = {"hello from node A", "hello from node B"};
    assertThat(ann.locator("#messages .message .text")).hasText(both);
    assertThat(bob.locator("#messages .message .text")).hasText(both);
    assertEquals(ids(ann.locator("#messages .message")), ids(bob.locator("#messages .message")),
        "one id per message, whichever process took it");
    for (Page page : List.of(ann, bob)) {
      assertThat(page.locator("#who li")).hasCount(2);
    }
  }

  @Test
  void pagesOnBothNodesShareOneRater(Browser browser) {
    Page ann = open(browser, nodeA, "rater.html");
    Page bob = open(browser, nodeB, "rater.html");
    Locator annTalk = ann.locator("#talk-comet");
    Locator bobTalk = bob.locator("#talk-comet");
    assertThat(bobTalk.locator(".votes")).hasText("0 votes");

    annTalk.locator(".star[data-stars='4']").click();
    assertThat(bobTalk.locator(".average")).hasText("4.00");
    bobTalk.locator(".star[data-stars='1']").click();
    assertThat(annTalk.locator(".average")).hasText("2.50");
    assertThat(annTalk.locator(".votes")).hasText("2 votes");

    // A page opened later on node A loads both votes from the shared totals, not just pushes.
    Page carol = open(browser, nodeA, "rater.html");
    assertThat(carol.locator("#talk-comet .votes")).hasText("2 votes");
    assertThat(carol.locator("#talk-comet .average")).hasText("2.50");
    assertThat(bob.locator("#live-title")).hasText(ann.locator("#live-title").textContent());
  }

  @Test
  void pagesOnBothNodesShareOneCallQueueAndOneAgentGetsEachCall(Browser browser) {
    Page ann = open(browser, nodeA, "callcenter.html");
    Page bob = open(browser, nodeB, "callcenter.html");
    ann.fill("#agent", "Ann");
    bob.fill("#agent", "Bob");
    Locator annRows = ann.locator("#caller-rows tr");
    assertThat(annRows.first()).isVisible();
    String id = annRows.first().getAttribute("data-id");
    String number = annRows.first().locator(".number").textContent();
    assertThat(bob.locator("#caller-rows tr[data-id='" + id + "']")).hasCount(1);
    assertThat(bob.locator("#caller-rows tr[data-id='" + id + "'] .number")).hasText(number);

    annRows.first().locator("button").click();
    assertThat(ann.locator("#call-form [name=phone]")).hasValue(number);
    assertThat(bob.locator("#caller-rows tr[data-id='" + id + "']")).hasCount(0);

    // Bob, on the other process, races for the same call and is told who got it.
    bob.evaluate("id => agentDesk.claim(id)", Integer.parseInt(id));
    assertThat(bob.locator("#claim-error")).hasAttribute("data-code", "CALL_ALREADY_TAKEN");
    assertThat(bob.locator("#claim-error")).containsText("Ann already answered the call from " + number);
    assertThat(bob.locator("#call-form")).isHidden();
  }

  private static List<String> ids(Locator messages) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < messages.count(); i++) {
      ids.add(messages.nth(i).getAttribute("data-id"));
    }
    return ids;
  }

  private Page open(Browser browser, SamplesApp node, String path) {
    BrowserContext context = browser.newContext();
    opened.add(context::close);
    Page page = context.newPage();
    page.navigate("http://127.0.0.1:" + node.port() + "/" + path);
    assertThat(page.locator("#status")).hasAttribute("data-state", "online");
    return page;
  }

  private Page chat(Browser browser, SamplesApp node, String nickname) {
    Page page = open(browser, node, "chat.html");
    page.fill("#nickname", nickname);
    page.click("#join-form button");
    assertThat(page.locator("#send-form")).isVisible();
    return page;
  }
}

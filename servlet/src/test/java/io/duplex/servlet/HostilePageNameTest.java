package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.Duplex;
import io.duplex.servlet.DuplexTestClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Page names are chosen by an unauthenticated client: a crafted one must cost the server little.
 * The name below cost ~5.5 s of CPU each when every {@code ;jsessionid=} removal rescanned the name.
 */
class HostilePageNameTest {
  private static final String CRAFTED = "/" + "x".repeat(131_071) + ";jsessionid=".repeat(10_922);

  private static Duplex limited;
  private static Duplex unlimited;
  private static TestServer limitedServer;
  private static TestServer unlimitedServer;

  @BeforeAll
  static void start() {
    limited = Duplex.builder().expose(TestServices.Echo.class).build();
    limitedServer = TestServer.start(limited);
    // The same crafted name with the length limit out of the way: only the normaliser bounds it.
    unlimited = Duplex.builder().expose(TestServices.Echo.class).maxPageNameLength(1 << 20).build();
    unlimitedServer = TestServer.start(unlimited);
  }

  @AfterAll
  static void stop() throws Exception {
    limitedServer.close();
    unlimitedServer.close();
    limited.close();
    unlimited.close();
  }

  @Test
  void aPageNameOverTheLimitIsRefusedWithItsCode() {
    DuplexTestClient client = limitedServer.client();
    long start = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      Response r = client.post("session", DuplexTestClient.json("v", 1, "page", CRAFTED));
      assertEquals(400, r.status(), r.body());
      assertEquals("PAGE_NAME_TOO_LONG", r.errorCode());
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 4_000, "20 crafted handshakes took " + millis + " ms");
    assertEquals(0, limited.browser().page("/" + "x".repeat(131_071)).count(), "no session opened");
  }

  @Test
  void aNameAtTheLimitIsAccepted() {
    String page = "/" + "a".repeat(4_095);
    Response r = limitedServer.client().post("session", DuplexTestClient.json("v", 1, "page", page));
    assertEquals(200, r.status(), r.body());
    assertEquals(page, r.json().get("page").getAsString());
  }

  @Test
  void aFourKilobyteNameFullOfSessionIdsNormalisesCorrectly() {
    String page = "//shop" + ";jsessionid=AB/".repeat(200) + "cart.html" + ";JSESSIONID=Z".repeat(50) + "?x=1";
    assertTrue(page.length() <= 4_096 && page.length() > 3_500, "length " + page.length());
    Response r = limitedServer.client().post("session", DuplexTestClient.json("v", 1, "page", page));
    assertEquals(200, r.status(), r.body());
    assertEquals("/shop/cart.html", r.json().get("page").getAsString());
  }

  @Test
  void normalisingTheCraftedNameIsLinear() {
    DuplexTestClient client = unlimitedServer.client();
    long start = System.nanoTime();
    for (int i = 0; i < 10; i++) {
      Response r = client.post("session", DuplexTestClient.json("v", 1, "page", CRAFTED));
      assertEquals(200, r.status(), r.errorCode());
      assertEquals(131_072, r.json().get("page").getAsString().length());
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 4_000, "10 crafted handshakes took " + millis + " ms");
  }
}

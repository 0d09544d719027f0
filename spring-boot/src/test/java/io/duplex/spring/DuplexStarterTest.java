package io.duplex.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.duplex.Browser;
import io.duplex.Duplex;
import io.duplex.spring.app.TestApplication;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

/**
 * The starter in a real Spring Boot application on embedded Tomcat, over real HTTP, with Spring
 * Security's CSRF protection on.
 */
@SpringBootTest(
    classes = TestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "duplex.path=/rpc",
      "duplex.reverse-ajax=polling",
      "duplex.maxCallsPerBatch=7",
      "duplex.allowed-origins[0]=https://a.example",
      "duplex.allowed-origins[1]=https://b.example"
    })
class DuplexStarterTest {
  @LocalServerPort int port;
  @Autowired Duplex duplex;
  @Autowired Browser browser;
  @Autowired ServletRegistrationBean<?> duplexServlet;
  @Autowired MeterRegistry meters;

  private WireClient client() {
    return new WireClient("http://127.0.0.1:" + port, "/rpc");
  }

  @Test
  void duplexBrowserAndServletAreBeansConfiguredFromProperties() {
    assertSame(duplex.browser(), browser);
    assertEquals("duplexServlet", duplexServlet.getServletName());
    assertEquals(7, duplex.config().maxCallsPerBatch(), "camelCase property applied");
    assertEquals(List.of("https://a.example", "https://b.example"), duplex.config().allowedOrigins(), "indexed list applied");
    JsonObject reverse = client().handshake("/index.html").handshakeResponse().getAsJsonObject("reverse");
    assertEquals("polling", reverse.get("mode").getAsString(), "kebab-case property applied");
  }

  @Test
  void customizerBeanAdjustsTheBuilder() {
    assertEquals(0, client().handshake("/index.html").value("Plain", "length").getAsInt());
  }

  @Test
  void engineIsServedAtThePath() {
    WireClient.Response engine = client().get("/rpc/engine.js");
    assertEquals(200, engine.status());
    WireClient.Response stub = client().get("/rpc/interface/Greeter.js");
    assertEquals(200, stub.status());
    assertTrue(stub.body().contains("greet"), stub.body());
  }

  @Test
  void beanWithInjectedDependencyIsCalledThroughItsProxy() {
    int before = TestApplication.ADVISED.get();
    WireClient page = client().handshake("/index.html");

    assertEquals("Hello, ann", page.value("Greeter", "greet", "ann").getAsString());
    assertEquals(before + 1, TestApplication.ADVISED.get(), "the call went through the bean's AOP proxy");
  }

  @Test
  void serviceInjectingDuplexPushesToPages() {
    WireClient news = client().handshake("/news.html");
    WireClient other = client().handshake("/other.html");

    other.value("Greeter", "announce", "launch at noon");

    JsonObject delivery = news.reverse().json().getAsJsonObject("reverse");
    JsonArray calls = delivery.getAsJsonArray("calls");
    assertEquals(1, calls.size(), delivery.toString());
    assertEquals("news.show", calls.get(0).getAsJsonObject().get("fn").getAsString());
    assertEquals("launch at noon", calls.get(0).getAsJsonObject().getAsJsonArray("args").get(0).getAsString());
  }

  @Test
  void prototypeBeanIsOneInstancePerPage() {
    WireClient first = client().handshake("/a.html");
    WireClient second = client().handshake("/b.html");

    assertEquals(1, first.value("PageCounter", "next").getAsInt());
    assertEquals(2, first.value("PageCounter", "next").getAsInt());
    assertEquals(1, second.value("PageCounter", "next").getAsInt());
  }

  @Test
  void springSecurityUserAndRolesReachDuplex() {
    WireClient ann = client().basic("ann", "secret").handshake("/index.html");
    assertEquals("ann", ann.value("Greeter", "user").getAsString());
    assertEquals("admin ann", ann.value("Greeter", "adminOnly").getAsString());

    WireClient bob = client().basic("bob", "secret").handshake("/index.html");
    assertEquals("FORBIDDEN", bob.call("Greeter", "adminOnly").getAsJsonObject("error").get("code").getAsString());

    WireClient anonymous = client().handshake("/index.html");
    assertTrue(anonymous.value("Greeter", "user").isJsonNull());
    assertEquals(
        "UNAUTHENTICATED", anonymous.call("Greeter", "adminOnly").getAsJsonObject("error").get("code").getAsString());
  }

  @Test
  void pageOpenedBeforeFormLoginKeepsWorkingAndSeesTheUser() {
    WireClient page = client().handshake("/index.html");
    String before = page.sessionCookie();
    assertNotNull(before);
    assertTrue(page.value("Greeter", "user").isJsonNull());

    int login = page.formLogin("ann", "secret");

    assertEquals(302, login);
    String after = page.sessionCookie();
    assertNotEquals(before, after, "Spring Security changed the session id at login");
    assertEquals(1, browser.httpSession(after).call("news.show", "welcome"), "found by the new id before its next request");
    assertEquals(0, browser.httpSession(before).call("news.show", "stale"), "no longer by the old id");
    assertEquals("ann", page.value("Greeter", "user").getAsString());
    assertEquals("admin ann", page.value("Greeter", "adminOnly").getAsString());
  }

  @Test
  void interceptorBeansRunInTheirOrderAndMayRefuseACall() {
    WireClient page = client().handshake("/index.html");
    TestApplication.INTERCEPTED.clear();

    assertEquals("Hello, ann", page.value("Greeter", "greet", "ann").getAsString());
    assertEquals(List.of("outer Greeter.greet", "inner Greeter.greet"), List.copyOf(TestApplication.INTERCEPTED));

    TestApplication.INTERCEPTED.clear();
    JsonObject error = page.call("Greeter", "greet", "mallory").getAsJsonObject("error");
    assertEquals("NOT_WELCOME", error.get("code").getAsString(), error.toString());
    assertEquals("mallory is not welcome", error.get("message").getAsString());
    assertEquals(List.of("outer Greeter.greet"), List.copyOf(TestApplication.INTERCEPTED), "refused before the inner one");
  }

  @Test
  void pushInterceptorBeansRunInTheirOrderAroundEveryPushAndMayVetoOne() {
    client().handshake("/pushes.html");
    TestApplication.PUSHES.clear();

    assertEquals(1, browser.page("/pushes.html").call("news.show", "hi"));
    assertEquals(0, browser.page("/pushes.html").call("admin.reset"));

    assertEquals(
        List.of(
            "audit news.show to pages where page=/pushes.html", "veto? news.show",
            "audit admin.reset to pages where page=/pushes.html", "veto? admin.reset"),
        List.copyOf(TestApplication.PUSHES));
  }

  @Test
  void theTopicPolicyBeanDecidesSubscriptions() {
    WireClient page = client().handshake("/desk.html");

    JsonObject allowed = page.call("duplex", "subscribe", "desk-rates");
    JsonObject refused = page.call("duplex", "subscribe", "admin-audit");

    assertTrue(!allowed.has("error"), () -> "subscribed: " + allowed);
    assertEquals("SUBSCRIPTION_REFUSED", refused.getAsJsonObject("error").get("code").getAsString(), () -> refused.toString());
    assertEquals(1, duplex.topic("desk-rates").count());
  }

  @Test
  void callsAreCountedInTheApplicationsMeterRegistry() {
    WireClient page = client().handshake("/index.html");
    long before = greetCalls(); // other tests in this context greet too

    page.value("Greeter", "greet", "ann");
    page.value("Greeter", "greet", "bob");

    assertEquals(before + 2, greetCalls());
  }

  private long greetCalls() {
    Timer timer = meters.find("duplex.calls").tags("service", "Greeter", "method", "greet", "outcome", "success").timer();
    return timer == null ? 0 : timer.count();
  }
}

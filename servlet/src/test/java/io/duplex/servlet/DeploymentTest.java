package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.ReverseAjax;
import io.duplex.internal.protocol.ErrorCode;
import io.duplex.internal.protocol.ProtocolException;
import io.duplex.servlet.DuplexTestClient.Response;
import io.duplex.servlet.internal.Deployment;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The mistakes a newcomer makes deploying the servlet, each failing at startup or on the first
 * request with a message naming the fix; and deployment shapes that must just work: web.xml code
 * reaching the Duplex, a non-root context path, a TLS-terminating proxy.
 */
class DeploymentTest {
  private static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
      for (Throwable suppressed : t.getSuppressed()) {
        all.append(messages(suppressed));
      }
    }
    return all.toString();
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  @Test
  void aServletNotAsyncSupportedIsRefusedWithTheFixNotAnIncident() throws Exception {
    try (Duplex duplex = Duplex.builder().build();
        TestServer server = TestServer.builder().duplex(duplex).asyncSupported(false).start()) {
      for (int i = 0; i < 2; i++) {
        Response refused = server.client().post("session", DuplexTestClient.json("v", 1, "page", "/a.html"));
        assertEquals(500, refused.status(), refused.body());
        assertEquals("MISCONFIGURED", refused.errorCode());
        assertTrue(refused.errorMessage().contains("async-supported"), refused.errorMessage());
        assertTrue(!refused.body().contains("incident"), refused.body());
      }
      // GETs need no async: the engine script still loads, so the page can report the error.
      assertEquals(200, server.client().get("engine.js").status());
    }
  }

  @Test
  void aMappingWithoutTheWildcardFailsStartupNamingTheRightOne() {
    try (Duplex duplex = Duplex.builder().build()) {
      Throwable failure =
          assertThrows(Throwable.class, () -> TestServer.builder().duplex(duplex).mapping("/duplex").start().close());
      String message = messages(failure);
      assertTrue(message.contains("'/duplex'") && message.contains("'/duplex/*'"), message);
    }
  }

  @Test
  void aContextWithoutHttpSessionsFailsStartupNamingTheJettyFix() {
    // Jetty-specific: its context without SESSIONS reports no session tracking modes, so init tells.
    // A Tomcat context always has a session manager: there is no such deployment to test.
    assumeTrue(TestServer.container().equals("jetty"), "Jetty only");
    try (Duplex duplex = Duplex.builder().build()) {
      Throwable failure =
          assertThrows(Throwable.class, () -> TestServer.builder().duplex(duplex).sessions(false).start().close());
      String message = messages(failure);
      assertTrue(message.contains("ServletContextHandler.SESSIONS"), message);
    }
  }

  @Test
  void aHandshakeWithoutHttpSessionsIsRefusedNamingTheFix() {
    // Where init cannot tell, the first handshake does: getSession(true) fails as on Jetty without sessions.
    HttpServletRequest request = mock(HttpServletRequest.class);
    jakarta.servlet.ServletContext context = mock(jakarta.servlet.ServletContext.class);
    when(request.getServletContext()).thenReturn(context);
    IllegalStateException failure = new IllegalStateException("No SessionManager");
    ProtocolException refused = (ProtocolException) new Deployment("duplex").withoutSessions(request, failure);
    assertEquals(ErrorCode.MISCONFIGURED, refused.code());
    assertTrue(refused.getMessage().contains("ServletContextHandler.SESSIONS"), refused.getMessage());
    // Another failure in a context with sessions is not blamed on the deployment.
    when(context.getEffectiveSessionTrackingModes()).thenReturn(java.util.Set.of(jakarta.servlet.SessionTrackingMode.COOKIE));
    assertEquals(failure, new Deployment("duplex").withoutSessions(request, failure));
  }

  @Test
  void aValueWithAUnitFailsStartupNamingTheSettingTheValueAndTheForm() {
    Throwable failure =
        assertThrows(Throwable.class, () -> TestServer.builder().initParam("maxHoldMillis", "30s").start().close());
    // Tomcat logs only the innermost cause: it alone must say what to fix.
    String root = rootCause(failure).getMessage();
    assertTrue(root.contains("maxHoldMillis") && root.contains("'30s'") && root.contains("milliseconds"), root);
  }

  @Test
  void aServletThatFailedToStartIsUnavailableNotRetriedPerRequest() throws Exception {
    Throwable failure =
        assertThrows(Throwable.class, () -> TestServer.builder().initParam("streaming", "yes").start().close());
    assertTrue(rootCause(failure) instanceof jakarta.servlet.UnavailableException, String.valueOf(rootCause(failure)));
    // Embedded Tomcat's wrapper for a servlet instance (Tomcat.addServlet) runs init itself and does
    // not mark the servlet unavailable as Tomcat does for a servlet it instantiates (web.xml), so
    // the Tomcat harness cannot show that deployment's behaviour.
    assumeTrue(TestServer.container().equals("jetty"), "Jetty only");
    // Where the container starts anyway (Jetty, Tomcat), the servlet is permanently unavailable:
    // requests are answered 404 by the container (Servlet spec), not retried into init with a 500 each.
    try (TestServer server = TestServer.builder().initParam("streaming", "yes").startWithUnavailable(true).start()) {
      for (int i = 0; i < 2; i++) {
        Response refused = server.client().post("session", DuplexTestClient.json("v", 1, "page", "/a.html"));
        assertEquals(404, refused.status(), refused.body());
      }
    }
  }

  /** Application code of a web.xml app (here another servlet) pushes through the published Duplex. */
  public static final class PushServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
      Duplex duplex = DuplexServlet.duplex(getServletContext());
      duplex.browser().page("/app.html").call("app.news", request.getParameter("text"));
      response.setStatus(204);
    }
  }

  @Test
  void webXmlCodeReachesTheDuplexThroughTheServletContext() throws Exception {
    try (TestServer server =
        TestServer.builder()
            .initParam("reverseAjax", "polling")
            .servlet("/push", new PushServlet())
            .start()) {
      assertEquals(server.duplex(), DuplexServlet.duplex(server.servletContext()));
      assertEquals(server.duplex(), DuplexServlet.duplex(server.servletContext(), "duplex"));
      assertThrows(IllegalStateException.class, () -> DuplexServlet.duplex(server.servletContext(), "other"));
      DuplexTestClient page = server.client().handshake("/app.html");
      Response pushed = page.send("POST", "../push?text=hi", java.net.http.HttpRequest.BodyPublishers.noBody(), Map.of());
      assertEquals(204, pushed.status(), pushed.body());
      JsonArray calls = page.reverse().json().getAsJsonObject("reverse").getAsJsonArray("calls");
      assertEquals(1, calls.size(), calls.toString());
      assertEquals("hi", calls.get(0).getAsJsonObject().getAsJsonArray("args").get(0).getAsString());
    }
  }

  @Test
  void pageNamesAreRelativeToTheContextPath() throws Exception {
    try (Duplex duplex = Duplex.builder().reverseAjax(ReverseAjax.POLLING).build();
        TestServer server = TestServer.builder().duplex(duplex).contextPath("/shop").start()) {
      DuplexTestClient page = server.client().handshake("/shop/app.html?x=1");
      assertEquals("/app.html", page.handshakeResponse().get("page").getAsString());
      assertEquals("/", server.client().handshake("/shop").handshakeResponse().get("page").getAsString());
      // A page of another application keeps its whole path.
      assertEquals("/shopping/a.html", server.client().handshake("/shopping/a.html").handshakeResponse().get("page").getAsString());

      duplex.browser().page("/app.html").call("app.news", "sale");
      JsonArray calls = page.reverse().json().getAsJsonObject("reverse").getAsJsonArray("calls");
      assertEquals(1, calls.size(), calls.toString());
      assertEquals("app.news", calls.get(0).getAsJsonObject().get("fn").getAsString());
    }
  }

  private static final Map<String, String> VIA_TLS_PROXY =
      Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "public.example");

  @Test
  void behindATlsProxyPagesOfThePublicOriginAreAcceptedWhenTheContainerAppliesForwardedHeaders() throws Exception {
    try (Duplex duplex = Duplex.builder().build();
        TestServer server = TestServer.builder().duplex(duplex).forwardedHeaders(true).start()) {
      DuplexTestClient page = server.client().origin("https://public.example");
      Response handshake = page.post("session", DuplexTestClient.json("v", 1, "page", "/a.html"), VIA_TLS_PROXY);
      assertEquals(200, handshake.status(), handshake.body());
      // RFC 7239 Forwarded: Jetty's ForwardedRequestCustomizer reads it, Tomcat's RemoteIpValve does not.
      if (TestServer.container().equals("jetty")) {
        Response forwarded =
            page.post("session", DuplexTestClient.json("v", 1, "page", "/a.html"), Map.of("Forwarded", "proto=https;host=public.example"));
        assertEquals(200, forwarded.status(), forwarded.body());
      }
    }
  }

  @Test
  void withoutForwardedHeadersTheRefusalNamesTheFix() throws Exception {
    try (Duplex duplex = Duplex.builder().build();
        TestServer server = TestServer.builder().duplex(duplex).start()) {
      DuplexTestClient page = server.client().origin("https://public.example");
      Response refused = page.post("session", DuplexTestClient.json("v", 1, "page", "/a.html"), VIA_TLS_PROXY);
      assertEquals(403, refused.status(), refused.body());
      assertEquals("ORIGIN_REJECTED", refused.errorCode());
      assertTrue(refused.errorMessage().contains("forwarded headers")
          && refused.errorMessage().contains("ForwardedRequestCustomizer")
          && refused.errorMessage().contains("RemoteIpValve"), refused.errorMessage());
      // An http page of another origin is simply refused: no proxy advice.
      Response other = server.client().origin("http://evil.example").post("session", DuplexTestClient.json("v", 1, "page", "/a.html"));
      assertEquals("Requests from http://evil.example are not allowed", other.errorMessage());
    }
  }

  @Test
  void stoppingTheServerEndsHeldStreamsWithTheirCloseLineAtOnce() throws Exception {
    Duplex duplex = Duplex.builder().reverseAjax(ReverseAjax.COMET).streaming(true).maxHoldMillis(60_000).build();
    long stopTimeoutMillis = 4_000;
    TestServer server = TestServer.builder().duplex(duplex).stopTimeoutMillis(stopTimeoutMillis).start();
    try {
      DuplexTestClient page = server.client().handshake("/a.html");
      try (ReverseStream stream = page.openStream()) {
        assertTrue(stream.next().get("open").getAsBoolean());
        long start = System.nanoTime();
        CompletableFuture<Long> stopped = stopInBackground(server, start);
        JsonObject last = stream.nextSkippingHeartbeats();
        long lineMillis = millisSince(start);
        assertNotNull(last, "the stream ended without its close line");
        assertEquals("hold", last.get("close").getAsString(), last.toString());
        assertNull(stream.next(), "the response ended after its close line");
        assertTrue(lineMillis < 1_000, "the close line came " + lineMillis + " ms after the stop began");
        long stopMillis = stopped.get(stopTimeoutMillis * 2, TimeUnit.MILLISECONDS);
        // Jetty's graceful stop spends about 1 s on an idle keep-alive connection, Duplex or not.
        assertTrue(stopMillis < stopTimeoutMillis / 2, "stop took " + stopMillis + " ms");
      }
    } finally {
      server.close();
      duplex.close();
    }
  }

  @Test
  void stoppingTheServerAnswersHeldLongPollsAtOnce() throws Exception {
    Duplex duplex = Duplex.builder().reverseAjax(ReverseAjax.COMET).streaming(false).maxHoldMillis(60_000).build();
    long stopTimeoutMillis = 4_000;
    TestServer server = TestServer.builder().duplex(duplex).stopTimeoutMillis(stopTimeoutMillis).start();
    try {
      DuplexTestClient page = server.client().handshake("/a.html");
      CompletableFuture<Response> poll = CompletableFuture.supplyAsync(page::reverse);
      // Held, not merely arrived: a poll the stop overtakes before it is held is refused UNAVAILABLE.
      Await.until(() -> duplex.heldConnections().longPoll() == 1, "the long poll is held");
      long start = System.nanoTime();
      CompletableFuture<Long> stopped = stopInBackground(server, start);
      Response answer = poll.get(stopTimeoutMillis, TimeUnit.MILLISECONDS);
      long answerMillis = millisSince(start);
      assertEquals(200, answer.status(), answer.body());
      assertTrue(answer.json().has("reverse"), answer.body());
      assertTrue(answerMillis < 1_000, "the answer came " + answerMillis + " ms after the stop began");
      long stopMillis = stopped.get(stopTimeoutMillis * 2, TimeUnit.MILLISECONDS);
      assertTrue(stopMillis < stopTimeoutMillis / 2, "stop took " + stopMillis + " ms");
    } finally {
      server.close();
      duplex.close();
    }
  }

  @Test
  void aReverseRequestAfterHeldRequestsWereClosedIsToldToComeBackLaterNotAnIncident() throws Exception {
    try (Duplex duplex = Duplex.builder().reverseAjax(ReverseAjax.COMET).streaming(true).build();
        TestServer server = TestServer.builder().duplex(duplex).start()) {
      DuplexTestClient page = server.client().handshake("/a.html");
      server.servlet().closeHeldRequests();
      Response late = page.reverse();
      assertEquals(503, late.status(), late.body());
      assertEquals("UNAVAILABLE", late.errorCode());
    }
  }

  /** Stops {@code server} on another thread; the future gives the milliseconds from {@code startNanos} to the end of the stop. */
  private static CompletableFuture<Long> stopInBackground(TestServer server, long startNanos) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        // Jetty's stop throws a TimeoutException ("did not stop cleanly") when requests outlive its timeout.
        server.close();
      } catch (Exception e) {
        throw new CompletionException(e);
      }
      return millisSince(startNanos);
    });
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}

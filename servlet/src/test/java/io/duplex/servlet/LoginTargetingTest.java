package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.duplex.Duplex;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A page opened before its user logs in, with the usual login steps: the user is stored in the HTTP
 * session and the session id is changed. Targeting by user and by HTTP session id must find the page
 * afterwards, and the old session id must no longer reach it.
 */
class LoginTargetingTest {
  /** {@code POST /login?user=ann}: the usual form-login steps; {@code GET /login}: the session id. */
  static final class LoginServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      response.setContentType("text/plain");
      response.getWriter().write(request.getSession().getId());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
      HttpSession session = request.getSession();
      session.setAttribute("user", request.getParameter("user"));
      String newId = request.changeSessionId();
      response.setContentType("text/plain");
      response.getWriter().write(newId);
    }
  }

  /** The container's authentication, as far as Duplex sees it: the session's user is the remote user. */
  static final Filter SESSION_USER =
      (request, response, chain) -> {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpSession session = http.getSession(false);
        String user = session == null ? null : (String) session.getAttribute("user");
        chain.doFilter(
            user == null
                ? request
                : new HttpServletRequestWrapper(http) {
                  @Override
                  public String getRemoteUser() {
                    return user;
                  }
                },
            response);
      };

  private final Duplex duplex = Duplex.builder().expose(TestServices.Echo.class).build();
  private TestServer server;

  @AfterEach
  void stop() throws Exception {
    server.close();
    duplex.close();
  }

  private TestServer start(boolean initializer) {
    return TestServer.builder()
        .duplex(duplex)
        .initializer(initializer)
        .filter(SESSION_USER)
        .servlet("/login", new LoginServlet())
        .start();
  }

  @Test
  void pageOpenedBeforeLoginIsFoundByItsUserAndNewSessionId() throws Exception {
    server = start(true);
    DuplexTestClient page = server.client().handshake("/app.html");
    String oldId = sessionId(page);
    assertEquals(1, duplex.browser().httpSession(oldId).count());

    String newId = login(page, "ann");

    assertNotEquals(oldId, newId);
    assertEquals(newId, sessionId(page));
    // No request of the page since the login: the session id listener moved it.
    assertEquals(1, duplex.browser().httpSession(newId).count(), "found by the new session id");
    assertEquals(0, duplex.browser().httpSession(oldId).count(), "not by the old one");

    assertEquals("hi", page.value("Echo", "echo", "hi").getAsString());

    assertEquals(1, duplex.browser().user("ann").count());
    assertEquals(1, duplex.browser().user("ann").call("welcome"));
    assertEquals("ann", duplex.browser().httpSession(newId).sessions().iterator().next().user());
  }

  @Test
  void withoutTheListenerThePageFollowsOnItsNextRequest() throws Exception {
    server = start(false); // embedded without the listener
    DuplexTestClient page = server.client().handshake("/app.html");
    String oldId = sessionId(page);

    String newId = login(page, "ann");
    assertEquals(0, duplex.browser().httpSession(newId).count(), "no request since the login");
    page.value("Echo", "echo", "hi");

    assertEquals(1, duplex.browser().httpSession(newId).user("ann").count());
    assertEquals(0, duplex.browser().httpSession(oldId).count());
  }

  @Test
  void theOldSessionIdNoLongerReachesThePage() throws Exception {
    server = start(true);
    DuplexTestClient page = server.client().handshake("/app.html");
    String oldCookie = sessionCookie(page);
    login(page, "ann");

    // Someone who kept the pre-login cookie (session fixation) with the page's id and token.
    DuplexTestClient stale = server.client().useSession(page.session(), page.csrf());
    HttpCookie cookie = new HttpCookie("JSESSIONID", oldCookie);
    cookie.setPath("/");
    cookie.setVersion(0);
    stale.cookies().getCookieStore().add(URI.create(server.origin()), cookie);

    DuplexTestClient.Response refused = stale.batch(DuplexTestClient.call(1, "Echo", "echo", "x"));
    assertEquals(403, refused.status(), refused.body());
    assertEquals("SESSION_MISMATCH", refused.errorCode());
    assertEquals("still mine", page.value("Echo", "echo", "still mine").getAsString());
  }

  @Test
  void logoutWithoutInvalidationStopsTargetingByUser() throws Exception {
    server = start(true);
    DuplexTestClient page = server.client().handshake("/app.html");
    login(page, "ann");
    page.value("Echo", "echo", "hi");
    assertEquals(1, duplex.browser().user("ann").count());

    login(page, "bob");
    page.value("Echo", "echo", "hi");

    assertEquals(0, duplex.browser().user("ann").count());
    assertEquals(1, duplex.browser().user("bob").count());
  }

  /** Logs the page's browser in as {@code user}; returns the new HTTP session id. */
  private String login(DuplexTestClient page, String user) throws Exception {
    return send(page, HttpRequest.newBuilder(URI.create(server.origin() + "/login?user=" + user))
        .POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** The HTTP session id as the application sees it ({@code HttpSession.getId()}). */
  private String sessionId(DuplexTestClient page) throws Exception {
    return send(page, HttpRequest.newBuilder(URI.create(server.origin() + "/login")).GET());
  }

  private static String send(DuplexTestClient page, HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response = page.httpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }

  /** The session cookie's value (on Jetty the id plus a node suffix). */
  private static String sessionCookie(DuplexTestClient page) {
    return page.cookies().getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("JSESSIONID"))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElseThrow();
  }
}

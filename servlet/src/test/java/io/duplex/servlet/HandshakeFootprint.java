package io.duplex.servlet;

import io.duplex.Duplex;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Measures what a handshake leaves on the server: one page and the HTTP session it made (Jetty's
 * session, Duplex's state in it, the CSRF token, the script session), for the figure README gives
 * under {@code maxScriptSessions}. The heap in use after full collections, before and after
 * {@code N} handshakes of {@code /chat.html}, each without a cookie (so each makes an HTTP
 * session), divided by {@code N}; server and client share the JVM, the client keeps nothing per
 * request. Not a test; run it by hand with the servlet module's test classpath:
 *
 * <pre>java -cp ... io.duplex.servlet.HandshakeFootprint [N]</pre>
 */
final class HandshakeFootprint {
  private HandshakeFootprint() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    try (Duplex duplex = Duplex.builder().maxScriptSessions(n + 1_000).firstContactTimeoutMillis(600_000).build();
        TestServer server = TestServer.start(duplex)) {
      HttpClient http = HttpClient.newHttpClient();
      URI session = URI.create(server.base() + "/session");
      handshakes(http, session, server.origin(), 200);
      long before = used();
      handshakes(http, session, server.origin(), n);
      long after = used();
      System.out.printf("%d handshakes on %s: %.0f bytes per page with its HTTP session (heap in use %d -> %d), %d pages open%n",
          n, TestServer.container(), (after - before) / (double) n, before, after, duplex.nodes().values().iterator().next());
    }
  }

  private static void handshakes(HttpClient http, URI session, String origin, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(session)
              .header("Content-Type", "application/json")
              .header("Origin", origin)
              .POST(HttpRequest.BodyPublishers.ofString("{\"v\":1,\"page\":\"/chat.html\"}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError(response.statusCode() + " " + response.body());
      }
    }
  }

  private static long used() throws InterruptedException {
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      Thread.sleep(200);
      long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (Math.abs(now - last) < 4096) {
        return now;
      }
      last = now;
    }
    return last;
  }
}

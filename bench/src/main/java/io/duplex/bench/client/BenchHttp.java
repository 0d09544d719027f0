package io.duplex.bench.client;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The load client's HTTP side: one Jetty HttpClient, HTTP/1.1. Each simulated page is its own
 * destination (a request tag), with its own few connections as a browser has: a pool shared by
 * thousands of held requests would be scanned on every acquire. No shared cookie store: each page
 * sends its own HTTP session cookie, like separate browsers.
 */
public final class BenchHttp implements AutoCloseable {
  /**
   * Per page: the held reverse request and one for acks and calls. More would only pile up idle
   * sockets: 10 000 pages already need 20 000 on this machine.
   */
  public static final int CONNECTIONS_PER_PAGE = 2;

  private final HttpClient client;
  private final String host;
  private final int port;
  private final String origin;

  public BenchHttp(String host, int port) throws Exception {
    this(host, port, CONNECTIONS_PER_PAGE);
  }

  /**
   * @param connectionsPerPage 1 for pages that only ever hold their reverse request (idle pages:
   *     the process's open-files limit, 20 000 here, must hold 10 000 of them plus the server's)
   */
  public BenchHttp(String host, int port, int connectionsPerPage) throws Exception {
    this.host = host;
    this.port = port;
    this.origin = "http://" + host + ":" + port;
    QueuedThreadPool executor = new QueuedThreadPool(64, 4);
    executor.setName("bench-client");
    executor.setDaemon(true);
    client = new HttpClient(new HttpClientTransportOverHTTP(1));
    client.setExecutor(executor);
    client.setMaxConnectionsPerDestination(connectionsPerPage);
    client.setMaxRequestsQueuedPerDestination(1024);
    client.setMaxDestinations(100_000);
    client.setHttpCookieStore(new HttpCookieStore.Empty());
    client.setFollowRedirects(false);
    client.setIdleTimeout(180_000);
    client.setConnectTimeout(15_000);
    client.start();
  }

  HttpClient rawClient() {
    return client;
  }

  public String origin() {
    return origin;
  }

  /**
   * A protocol POST as the browser engine sends it: JSON body, Origin and the page's cookie, on the
   * page's own connections ({@code page} is its destination tag).
   */
  public Request post(Object page, String path, String cookie, byte[] json, long timeoutMillis) {
    return client.newRequest(host, port)
        .tag(page)
        .method(HttpMethod.POST)
        .path(path)
        .headers(h -> {
          h.put(HttpHeader.ORIGIN, origin);
          if (cookie != null) {
            h.put(HttpHeader.COOKIE, cookie);
          }
        })
        .body(new BytesRequestContent("application/json", json))
        .timeout(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  /** A blocking control request (outside the protocol under test). */
  public String control(HttpMethod method, String pathAndQuery, long timeoutMillis) throws Exception {
    ContentResponse response = client.newRequest(host, port)
        .method(method)
        .path(pathAndQuery)
        .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .send();
    if (response.getStatus() >= 300) {
      throw new IllegalStateException(pathAndQuery + " answered " + response.getStatus());
    }
    return new String(response.getContent(), StandardCharsets.UTF_8);
  }

  /**
   * Starts the server's publish loop for a workload's warm-up and measured window, on another
   * thread; completes with the loop's report when it ends.
   *
   * @param rate rounds per second, 0 for as fast as the window allows
   * @param window rounds not yet delivered everywhere at most (only for rate 0)
   * @param extraQuery appended to the query as it is ("" or "&name=value")
   */
  public java.util.concurrent.CompletableFuture<String> publish(
      double rate, double seconds, int window, String extraQuery) {
    // The window bounds only the as-fast-as-it-can runs; a fixed rate is kept whatever delivery does.
    int limit = rate > 0 ? 1_000_000 : window;
    return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return control(HttpMethod.POST,
            "/control/publish?rate=" + rate + "&seconds=" + seconds + "&window=" + limit + extraQuery,
            (long) (seconds * 1000) + 60_000);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Override
  public void close() throws Exception {
    client.stop();
  }
}

package io.duplex.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stopping the samples app with a streaming page connected: the page gets the stream's close line
 * and the stop does not wait out Jetty's stop timeout (2 s, after which it logs "did not stop cleanly").
 */
class SamplesStopTest {
  @Test
  void stoppingWithAStreamingPageEndsItsStreamAtOnceAndStopsWellWithinTheTimeout() throws Exception {
    SamplesApp app = SamplesApp.start(SamplesOptions.parse("--port=0", "--host=127.0.0.1"));
    boolean closed = false;
    try {
      String origin = "http://127.0.0.1:" + app.port();
      HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
      JsonObject handshake = JsonParser.parseString(
          post(http, origin, "session", "{\"v\":1,\"page\":\"/ticker.html\"}", HttpResponse.BodyHandlers.ofString()).body())
          .getAsJsonObject();
      String body = "{\"v\":1,\"session\":\"" + handshake.get("session").getAsString() + "\",\"csrf\":\""
          + handshake.get("csrf").getAsString() + "\",\"ack\":0}";
      HttpResponse<InputStream> stream = post(http, origin, "reverse", body, HttpResponse.BodyHandlers.ofInputStream());
      assertEquals(200, stream.statusCode());
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
        assertTrue(lines.readLine().contains("\"open\""));
        long start = System.nanoTime();
        CompletableFuture<Long> stopped = CompletableFuture.supplyAsync(() -> {
          app.close();
          return (System.nanoTime() - start) / 1_000_000;
        });
        closed = true;
        String line;
        String last = null;
        while ((line = lines.readLine()) != null) {
          last = line;
        }
        assertEquals("{\"close\":\"hold\"}", last, "the stream's last line");
        long stopMillis = stopped.get(10, TimeUnit.SECONDS);
        // Jetty's graceful stop spends about 1 s on an idle keep-alive connection, Duplex or not.
        assertTrue(stopMillis < 1_500, "stop took " + stopMillis + " ms");
      }
    } finally {
      if (!closed) {
        app.close();
      }
    }
  }

  private static <T> HttpResponse<T> post(
      HttpClient http, String origin, String endpoint, String body, HttpResponse.BodyHandler<T> handler)
      throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(origin + "/duplex/" + endpoint))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("Origin", origin)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.send(request, handler);
  }
}

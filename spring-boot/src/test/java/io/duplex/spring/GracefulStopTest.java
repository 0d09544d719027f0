package io.duplex.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.spring.app.TestApplication;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stopping the application with a page's stream open: Spring Boot's graceful shutdown waits for
 * active requests, so the held stream must end first, with its close line, not at its hold's end.
 */
class GracefulStopTest {
  private static final long HOLD_MILLIS = 20_000;

  @Test
  void stopEndsHeldStreamsWithTheirCloseLineAndDoesNotWaitForThem() throws Exception {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(TestApplication.class)
            .properties(
                "server.port=0",
                "server.address=127.0.0.1",
                "server.shutdown=graceful",
                "spring.main.banner-mode=off",
                "duplex.max-hold-millis=" + HOLD_MILLIS)
            .run();
    long stopMillis;
    BufferedReader lines;
    HttpResponse<InputStream> stream;
    try {
      String port = context.getEnvironment().getProperty("local.server.port");
      WireClient page = new WireClient("http://127.0.0.1:" + port, "/duplex").handshake("/index.html");
      stream = page.openReverse();
      lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
      String first = lines.readLine();
      assertEquals("{\"v\":1,\"open\":true}", first, "the stream is open and held");

      long start = System.nanoTime();
      context.close();
      stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    } finally {
      context.close();
    }

    List<String> rest = new ArrayList<>();
    for (String line; (line = lines.readLine()) != null; ) {
      rest.add(line);
    }
    assertEquals(200, stream.statusCode());
    assertTrue(rest.contains("{\"close\":\"hold\"}"), rest.toString());
    assertTrue(stopMillis < HOLD_MILLIS / 2, "stopping took " + stopMillis + " ms");
  }
}

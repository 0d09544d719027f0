package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.duplex.Duplex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that send request bodies slowly or never finish them (slowloris on the body): they hold
 * no thread, legitimate pages are served meanwhile, and each slow request is answered and its
 * connection closed after bodyTimeoutMillis. Raw sockets, so the test controls every byte.
 */
class SlowBodiesTest {
  /** Request threads; the attack opens well more connections than this. */
  private static final int THREADS = 40;
  private static final int ATTACKERS = 120;
  private static final long BODY_TIMEOUT_MILLIS = 3_000;
  private static final int MAX_BODY = 4_000;

  private static Duplex duplex;
  private static TestServer server;
  private final List<Socket> sockets = new ArrayList<>();
  private final ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();

  @BeforeAll
  static void start() {
    duplex =
        Duplex.builder()
            .expose(TestServices.Echo.class)
            .expose(TestServices.Async.class)
            .bodyTimeoutMillis(BODY_TIMEOUT_MILLIS)
            .maxBodyBytes(MAX_BODY)
            .build();
    server = TestServer.builder().duplex(duplex).maxThreads(THREADS).start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    duplex.close();
  }

  @AfterEach
  void closeSockets() throws IOException {
    trickler.shutdownNow();
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  @Test
  void slowBodiesHoldNoThreadAndAreAnsweredRequestTimeout() throws Exception {
    int baseline = quietServer();
    long timeoutsBefore = duplex.refusals().count("REQUEST_TIMEOUT");
    for (int i = 0; i < ATTACKERS; i++) {
      open("/call", server.origin(), "application/json", 1000, "{\"v\":1,");
    }
    trickle();
    long started = System.nanoTime();
    awaitAllTakenIn(baseline);

    assertLegitimatePageIsServedWithoutThreadsHeld();

    for (Socket socket : sockets) {
      Answer answer = Answer.read(socket, true);
      assertEquals(408, answer.status, answer.text);
      assertEquals("REQUEST_TIMEOUT", answer.code(), answer.text);
      assertTrue(answer.closed, "connection closed after the answer");
    }
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertTrue(tookMillis >= BODY_TIMEOUT_MILLIS - 200, "answered after the timeout, not before: " + tookMillis);
    assertTrue(tookMillis < BODY_TIMEOUT_MILLIS + 4_000, "answered soon after the timeout: " + tookMillis);
    assertEquals(ATTACKERS, duplex.refusals().count("REQUEST_TIMEOUT") - timeoutsBefore, "each counted once");
  }

  @Test
  void slowBodiesOfRefusedRequestsHoldNoThreadEither() throws Exception {
    int baseline = quietServer();
    for (int i = 0; i < ATTACKERS; i++) {
      if (i % 2 == 0) {
        open("/call", "http://evil.example", "application/json", 1000, "{");
      } else {
        open("/session", server.origin(), "text/plain", 1000, "{");
      }
    }
    trickle();
    awaitAllTakenIn(baseline);

    assertLegitimatePageIsServedWithoutThreadsHeld();

    for (int i = 0; i < sockets.size(); i++) {
      Answer answer = Answer.read(sockets.get(i), true);
      assertEquals(i % 2 == 0 ? 403 : 415, answer.status, answer.text);
      assertEquals(i % 2 == 0 ? "ORIGIN_REJECTED" : "UNSUPPORTED_MEDIA_TYPE", answer.code(), answer.text);
      assertTrue(answer.closed, "connection closed after the answer");
    }
  }

  @Test
  void aRefusedBodyTooLargeToDiscardIsAnsweredAtOnceAndItsConnectionClosed() throws Exception {
    long started = System.nanoTime();
    Socket socket = open("/call", "http://evil.example", "application/json", 100L * MAX_BODY, "{");
    Answer answer = Answer.read(socket, true);
    assertEquals(403, answer.status, answer.text);
    assertTrue(answer.closed);
    assertTrue(
        System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(BODY_TIMEOUT_MILLIS),
        "answered without waiting for the body");
  }

  @Test
  void aSlowBodyThatArrivesInTimeIsHandledAsUsual() throws Exception {
    DuplexTestClient page = server.client().handshake("/slow");
    String cookie = page.cookies().getCookieStore().getCookies().get(0).toString();
    String batch = DuplexTestClient.json("v", 1, "session", page.session(), "csrf", page.csrf(), "calls", List.of(
        DuplexTestClient.map("id", 1, "service", "Async", "method", "later", "args", List.of("late", 50)),
        DuplexTestClient.map("id", 2, "service", "Echo", "method", "echo", "args", List.of("now"))));
    byte[] body = batch.getBytes(StandardCharsets.UTF_8);
    Socket socket = open("/call", server.origin(), "application/json", body.length, "", "Cookie: " + cookie);
    OutputStream out = socket.getOutputStream();
    // A slow client: the body in three pieces, 150 ms apart, the whole within the timeout.
    int third = body.length / 3;
    int[][] pieces = {{0, third}, {third, 2 * third}, {2 * third, body.length}};
    for (int i = 0; i < pieces.length; i++) {
      int[] piece = pieces[i];
      trickler.schedule(
          () -> {
            out.write(body, piece[0], piece[1] - piece[0]);
            out.flush();
            return null;
          },
          150L * i,
          TimeUnit.MILLISECONDS);
    }
    Answer answer = Answer.read(socket, false);
    assertEquals(200, answer.status, answer.text);
    JsonObject json = answer.json();
    assertEquals("late", json.getAsJsonArray("results").get(0).getAsJsonObject().get("value").getAsString());
    assertEquals("now", json.getAsJsonArray("results").get(1).getAsJsonObject().get("value").getAsString());
  }

  /** Waits for the requests of earlier tests to end; the requests still active (0, or the odd straggler). */
  private static int quietServer() {
    Await.until(() -> server.activeRequests() == 0, "earlier tests' requests to end");
    return server.activeRequests();
  }

  /**
   * Waits until the server is handling every attacking request at once: at most 2/3 of the body
   * timeout, after which they start being answered.
   */
  private static void awaitAllTakenIn(int baseline) {
    Await.until(
        () -> server.activeRequests() >= baseline + ATTACKERS,
        () -> "all " + ATTACKERS + " slow requests to be handled at once: only " + (server.activeRequests() - baseline)
            + " are; the others wait for one of " + THREADS + " threads",
        Duration.ofMillis(BODY_TIMEOUT_MILLIS * 2 / 3));
  }


  @Test
  void aBodyCutShortIsRefusedAsMalformed() throws Exception {
    for (String start : new String[] {"", "{\"v\":1,"}) {
      Socket socket = open("/call", server.origin(), "application/json", 1000, start);
      socket.shutdownOutput();
      Answer answer = Answer.read(socket, true);
      assertTrue(answer.closed, "connection closed: " + answer.text);
      if (TestServer.container().equals("tomcat") && answer.status == -1) {
        // Tomcat's NIO connector treats the end of input while a ReadListener waits as an I/O error:
        // it calls ReadListener.onError and closes the connection at once (CoyoteAdapter, CLOSE_NOW),
        // so no answer can be written. What holds on both: the request ends and the connection closes
        // promptly (checked above, and by the active-request count below), holding nothing.
        continue;
      }
      assertEquals(400, answer.status, answer.text);
      assertEquals("MALFORMED_REQUEST", answer.code(), answer.text);
    }
    Await.until(() -> server.activeRequests() == 0, "the cut requests to end");
  }

  @Test
  void aSlowReverseRequestIsHeldAsUsual() throws Exception {
    DuplexTestClient page = server.client().handshake("/slow-reverse");
    String cookie = page.cookies().getCookieStore().getCookies().get(0).toString();
    byte[] body = DuplexTestClient.json("v", 1, "session", page.session(), "csrf", page.csrf(), "ack", 0)
        .getBytes(StandardCharsets.UTF_8);
    Socket socket = open("/reverse", server.origin(), "application/json", body.length, "", "Cookie: " + cookie);
    OutputStream out = socket.getOutputStream();
    out.write(body, 0, body.length / 2);
    out.flush();
    trickler.schedule(
        () -> {
          out.write(body, body.length / 2, body.length - body.length / 2);
          out.flush();
          return null;
        },
        200,
        TimeUnit.MILLISECONDS);
    // The stream's first line arrives once the body is complete; the stream then stays open.
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    byte[] buf = new byte[1024];
    while (!seen.toString(StandardCharsets.ISO_8859_1).contains("\"open\":true")) {
      int n = in.read(buf);
      assertTrue(n > 0, "stream ended early: " + seen);
      seen.write(buf, 0, n);
    }
    assertTrue(seen.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 200 "), seen.toString());
    // Ending the page ends its stream.
    assertEquals(204, page.unload().status());
    Await.until(() -> server.activeRequests() == 0, "the stream to end with its page");
  }

  /**
   * Handshake and call of a new page, bounded, while watching for threads that wait in a read in
   * Duplex's code: one seen there in three samples in a row (40 ms or more) is held by a client.
   */
  private void assertLegitimatePageIsServedWithoutThreadsHeld() throws Exception {
    Set<String> held = new TreeSet<>();
    List<Map<Thread, String>> samples = new ArrayList<>();
    CompletableFuture<String> roundTrip =
        CompletableFuture.supplyAsync(
            () -> server.client().handshake("/legit").value("Echo", "echo", "hello").getAsString());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    do {
      samples.add(threadsReadingInDuplex());
      if (samples.size() >= 3) {
        Map<Thread, String> now = samples.get(samples.size() - 1);
        for (Map.Entry<Thread, String> reader : now.entrySet()) {
          if (samples.get(samples.size() - 2).containsKey(reader.getKey())
              && samples.get(samples.size() - 3).containsKey(reader.getKey())) {
            held.add(reader.getValue());
          }
        }
      }
      Thread.sleep(20);
    } while ((!roundTrip.isDone() || samples.size() < 5) && System.nanoTime() < deadline);
    assertTrue(roundTrip.isDone(), "a legitimate handshake and call were not answered within 5 s during the attack");
    assertEquals("hello", roundTrip.get());
    assertTrue(held.isEmpty(), "threads held in a read in Duplex's code during the attack: " + held);
  }

  /**
   * Threads waiting (parked, not running) in a read called by Duplex's server code, with their
   * stacks: where a blocking read of a slow body waits.
   */
  private static Map<Thread, String> threadsReadingInDuplex() {
    Map<Thread, String> inside = new HashMap<>();
    for (var entry : Thread.getAllStackTraces().entrySet()) {
      Thread.State state = entry.getKey().getState();
      if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
        continue;
      }
      boolean reading = false;
      for (StackTraceElement frame : entry.getValue()) {
        String name = frame.getClassName();
        if (name.startsWith("io.duplex.")) {
          // Only the server's code: not a test helper (a proxy, a client) reading its own sockets.
          boolean server = name.startsWith("io.duplex.internal.") || name.startsWith("io.duplex.servlet.internal.")
              || name.equals(DuplexServlet.class.getName());
          if (reading && server) {
            inside.put(entry.getKey(), entry.getKey().getName() + " " + Arrays.toString(Arrays.copyOf(entry.getValue(), 12)));
          }
          break;
        }
        reading |= frame.getMethodName().equals("read");
      }
    }
    return inside;
  }

  /** Sends the headers and {@code start} of a body of {@code length} bytes, and nothing more. */
  private Socket open(String endpoint, String origin, String type, long length, String start, String... headers)
      throws IOException {
    Socket socket = new Socket("127.0.0.1", server.port());
    socket.setSoTimeout((int) (BODY_TIMEOUT_MILLIS + 8_000));
    sockets.add(socket);
    StringBuilder request = new StringBuilder()
        .append("POST ").append(server.basePath()).append(endpoint).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1:").append(server.port()).append("\r\n")
        .append("Origin: ").append(origin).append("\r\n")
        .append("Content-Type: ").append(type).append("\r\n")
        .append("Content-Length: ").append(length).append("\r\n");
    for (String header : headers) {
      request.append(header).append("\r\n");
    }
    request.append("\r\n").append(start);
    socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
    return socket;
  }

  /** From now on, one more body byte on every open connection every 200 ms: never enough to finish. */
  private void trickle() {
    List<Socket> all = List.copyOf(sockets);
    trickler.scheduleWithFixedDelay(
        () -> {
          for (Socket socket : all) {
            try {
              socket.getOutputStream().write(' ');
            } catch (IOException closed) {
              // answered and closed: nothing more to send
            }
          }
        },
        200,
        200,
        TimeUnit.MILLISECONDS);
  }

  /** A response read to the end of the connection. */
  private record Answer(int status, String text, boolean closed) {
    /** @param checkClosed whether to wait, after a complete answer, for the connection to close */
    static Answer read(Socket socket, boolean checkClosed) throws IOException {
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      boolean closed = false;
      int n = 0;
      try {
        while ((n = in.read(buf)) >= 0) {
          all.write(buf, 0, n);
          if (isComplete(all.toString(StandardCharsets.ISO_8859_1))) {
            // The answer is complete; a closing connection then ends, a kept-alive one stays open.
            closed = checkClosed && in.read() < 0;
            break;
          }
        }
        closed |= n < 0;
      } catch (SocketTimeoutException stillOpen) {
        closed = false;
      } catch (IOException reset) {
        closed = true;
      }
      String text = all.toString(StandardCharsets.UTF_8);
      int status = text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
      return new Answer(status, text, closed);
    }

    private static boolean isComplete(String text) {
      int end = text.indexOf("\r\n\r\n");
      if (end < 0) {
        return false;
      }
      String head = text.substring(0, end).toLowerCase();
      int at = head.indexOf("content-length: ");
      if (at < 0) {
        return false;
      }
      int length = Integer.parseInt(head.substring(at + 16).split("\r\n")[0].trim());
      return text.length() - end - 4 >= length;
    }

    String code() {
      return json().getAsJsonObject("error").get("code").getAsString();
    }

    JsonObject json() {
      return JsonParser.parseString(text.substring(text.indexOf("\r\n\r\n") + 4)).getAsJsonObject();
    }
  }
}

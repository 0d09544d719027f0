package io.duplex.servlet;

import static io.duplex.servlet.DuplexTestClient.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.ReverseAjax;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Sockets upgraded that never send their open frame (protocol section 4.6, security.md): at most
 * maxUnopenedSockets in all and maxPagesPerHttpSession per browser, each for at most
 * firstContactTimeoutMillis; beyond, the upgrade gets 503 TOO_MANY_SOCKETS and the server serves on.
 */
class UnopenedSocketsTest {

  @Test
  void unopenedSocketsAreBoundedInAllAndPerBrowserAndFreeTheirPlaceWhenTheyOpenOrClose() throws Exception {
    Duplex duplex = Duplex.builder()
        .expose(TestServices.Echo.class)
        .reverseAjax(ReverseAjax.WEBSOCKET)
        .maxUnopenedSockets(3)
        .maxPagesPerHttpSession(2)
        .build();
    try (TestServer server = TestServer.builder().duplex(duplex).start()) {
      DuplexTestClient flooder = server.client().handshake("/flood.html");
      TestSocket a1 = TestSocket.connect(flooder);
      TestSocket a2 = TestSocket.connect(flooder);
      long refused = duplex.refusals().count("TOO_MANY_SOCKETS");
      assertEquals(503, TestSocket.upgradeStatus(flooder, server.origin()), "a third of one browser");
      assertEquals(refused + 1, duplex.refusals().count("TOO_MANY_SOCKETS"));

      DuplexTestClient other = server.client().handshake("/other.html");
      try (TestSocket b1 = TestSocket.connect(other)) {
        DuplexTestClient honest = server.client().handshake("/honest.html");
        assertEquals(503, TestSocket.upgradeStatus(honest, server.origin()), "the fourth in all");
        RawHttp.Answer raw = RawHttp.exchange(server.port(),
            "GET " + server.basePath() + "/ws HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nOrigin: "
                + server.origin() + "\r\nConnection: close\r\n\r\n", new byte[0]);
        assertEquals(503, raw.status(), raw.head());
        assertTrue(raw.hasErrorCode("TOO_MANY_SOCKETS"), raw.body());
        assertEquals("15", raw.header("Retry-After"), "the first-contact timeout, in seconds");
        assertEquals("still served", honest.value("Echo", "echo", "still served").getAsString(), "HTTP goes on");

        // b1 opens: its place is free, and the honest page's socket opens and serves.
        b1.open(1);
        assertEquals("{\"v\":1,\"open\":true}", b1.next().toString());
        try (TestSocket c = TestSocket.connect(honest).open(1)) {
          assertEquals("{\"v\":1,\"open\":true}", c.next().toString());
          c.call(2, call(1, "Echo", "echo", "hi"));
          assertEquals("hi", c.answer(2).getAsJsonArray("results").get(0).getAsJsonObject().get("value").getAsString());
        }
      }

      // The flooder's sockets close: their places are free again.
      assertEquals(503, TestSocket.upgradeStatus(flooder, server.origin()));
      a1.close();
      a2.close();
      Await.until(() -> TestSocket.upgradeStatus(flooder, server.origin()) == 101, "closed sockets free their places",
          Duration.ofSeconds(5));
      try (TestSocket again = TestSocket.connect(flooder).open(1)) {
        assertEquals("{\"v\":1,\"open\":true}", again.next().toString());
      }
    } finally {
      duplex.close();
    }
  }

  @Test
  void aSocketThatKeepsBusyWithoutItsOpenFrameIsClosedAtTheFirstContactTimeout() throws Exception {
    Duplex duplex = Duplex.builder()
        .expose(TestServices.Echo.class)
        .reverseAjax(ReverseAjax.WEBSOCKET)
        .maxUnopenedSockets(1)
        .firstContactTimeoutMillis(1_000)
        .build();
    try (TestServer server = TestServer.builder().duplex(duplex).start()) {
      DuplexTestClient page = server.client().handshake("/busy.html");
      long start = System.nanoTime();
      try (TestSocket busy = TestSocket.connect(page)) {
        assertEquals(503, TestSocket.upgradeStatus(page, server.origin()), "its place is taken");
        // Pings are traffic: the container's idle timeout alone would never end this socket.
        Await.until(() -> {
          if (!busy.isClosed()) {
            busy.ping();
          }
          return busy.isClosed();
        }, "the open deadline closes the socket", Duration.ofSeconds(5));
        assertEquals("1008 REQUEST_TIMEOUT", busy.closeStatus());
        assertTrue(System.nanoTime() - start >= 1_000_000_000L, "not before the deadline");
      }
      Await.until(() -> TestSocket.upgradeStatus(page, server.origin()) == 101, "its place is free",
          Duration.ofSeconds(5));
    } finally {
      duplex.close();
    }
  }
}

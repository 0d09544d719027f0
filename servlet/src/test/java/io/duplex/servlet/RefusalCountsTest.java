package io.duplex.servlet;

import static io.duplex.servlet.DuplexTestClient.call;
import static io.duplex.servlet.DuplexTestClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.duplex.Duplex;
import io.duplex.RefusalCounts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every refused request is counted by its code, and only refused requests are. */
class RefusalCountsTest {
  private Duplex duplex;
  private TestServer server;

  @BeforeEach
  void start() {
    duplex =
        Duplex.builder()
            .expose(TestServices.Echo.class)
            .maxBodyBytes(1000)
            .maxCallsPerBatch(2)
            .build();
    server = TestServer.start(duplex);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    duplex.close();
  }

  private static String echoBatch(DuplexTestClient page, String csrf) {
    return json("v", 1, "session", page.session(), "csrf", csrf, "calls",
        List.of(Map.of("id", 1, "service", "Echo", "method", "echo", "args", List.of("x"))));
  }

  @Test
  void eachRefusalIsCountedUnderItsCode() {
    DuplexTestClient page = server.client().handshake("/p");
    page.value("Echo", "echo", "fine");
    page.call("Nope", "nothing"); // a failed call inside a 200 answer is not a refused request
    assertEquals(0, duplex.refusals().total());

    assertEquals(403, page.origin("http://evil.example").post("call", echoBatch(page, page.csrf())).status());
    page.origin(server.origin());
    assertEquals(415, page.post("call", echoBatch(page, page.csrf()), Map.of("Content-Type", "text/plain")).status());
    assertEquals(413, page.post("call", "x".repeat(2000)).status());
    assertEquals(400, page.post("call", "{not json").status());
    assertEquals(403, page.post("call", echoBatch(page, "wrong-token")).status());
    assertEquals(410, page.post("call", echoBatch(page, page.csrf()).replace(page.session(), "gone")).status());
    assertEquals(413, page.batch(call(1, "Echo", "echo", "a"), call(2, "Echo", "echo", "b"), call(3, "Echo", "echo", "c")).status());
    assertEquals(404, page.get("nothing-here").status());
    assertEquals(404, page.get("interface/Nope.js").status());
    assertEquals(405, page.get("call").status());

    RefusalCounts counts = duplex.refusals();
    assertEquals(1, counts.count("ORIGIN_REJECTED"));
    assertEquals(1, counts.count("UNSUPPORTED_MEDIA_TYPE"));
    assertEquals(1, counts.count("PAYLOAD_TOO_LARGE"));
    assertEquals(1, counts.count("MALFORMED_REQUEST"));
    assertEquals(1, counts.count("CSRF_REJECTED"));
    assertEquals(1, counts.count("SESSION_UNKNOWN"));
    assertEquals(1, counts.count("TOO_MANY_CALLS"));
    assertEquals(2, counts.count("NOT_FOUND"));
    assertEquals(1, counts.count("METHOD_NOT_ALLOWED"));
    assertEquals(10, counts.total());
    assertEquals(0, counts.count("UNKNOWN_SERVICE"), "call-level codes are not refusals");
  }

  @Test
  void aSnapshotDoesNotChangeAndLaterOnesSeeNewRefusals() {
    DuplexTestClient page = server.client().handshake("/p");
    RefusalCounts before = duplex.refusals();
    for (int i = 0; i < 5; i++) {
      page.post("call", echoBatch(page, "wrong"));
    }
    assertEquals(0, before.count("CSRF_REJECTED"));
    assertEquals(5, duplex.refusals().count("CSRF_REJECTED"));
    assertEquals(0L, duplex.refusals().byCode().get("ORIGIN_REJECTED"), "zeros are listed");
  }
}

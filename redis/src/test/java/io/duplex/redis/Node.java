package io.duplex.redis;

import io.duplex.Duplex;
import io.duplex.servlet.DuplexTestClient;
import io.duplex.servlet.PageLoop;
import io.duplex.servlet.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One Duplex node on embedded Jetty, joined to a Redis backplane, and the pages it serves. */
final class Node implements AutoCloseable {
  final Duplex duplex;
  final TestServer server;
  private final List<PageLoop> loops = new ArrayList<>();

  Node(Duplex duplex) {
    this.duplex = duplex;
    this.server = TestServer.builder().duplex(duplex).filter(new SessionLogin()).start();
  }

  static Node join(String redisUrl) {
    return new Node(Duplex.builder().backplane(redisUrl).topics("prices").build());
  }

  /** An open page: its script session id and its reverse loop. */
  record Page(String id, PageLoop loop) {
    java.util.List<String> ran() {
      return loop.state().ran();
    }
  }

  /** A new browser opens {@code page} on this node and streams its reverse calls. */
  Page open(String page) {
    DuplexTestClient client = server.client().handshake(page);
    return new Page(client.session(), track(new PageLoop(client)));
  }

  /** A new browser opens {@code page} on this node, subscribes to {@code topic}, and streams. */
  Page openSubscribed(String page, String topic) {
    DuplexTestClient client = server.client().handshake(page);
    com.google.gson.JsonObject result = client.call("duplex", "subscribe", topic);
    if (result.has("error")) {
      throw new AssertionError(result.toString());
    }
    return new Page(client.session(), track(new PageLoop(client)));
  }

  /** A new browser, signed in as {@code user}, opens {@code page} on this node. */
  Page openAs(String user, String page) {
    DuplexTestClient client = server.client();
    DuplexTestClient.Response r =
        client.post("session", DuplexTestClient.json("v", 1, "page", page), Map.of(SessionLogin.HEADER, user));
    if (r.status() != 200) {
      throw new AssertionError(r.body());
    }
    client.useSession(r.json().get("session").getAsString(), r.json().get("csrf").getAsString());
    return new Page(client.session(), track(new PageLoop(client)));
  }

  private PageLoop track(PageLoop loop) {
    loops.add(loop);
    return loop;
  }

  @Override
  public void close() throws Exception {
    for (PageLoop loop : loops) {
      loop.close();
    }
    server.close();
    duplex.close();
  }
}

package io.duplex.bench.ceiling;

import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plain socket ceiling's broadcast (W2 and W3 over a WebSocket): the sockets that opened a
 * page URL, and a publish that writes each round to every one of them. A socket's open frame
 * names the page the ceiling's HTTP handshake made ({@code session}, {@code csrf}), checked as
 * Duplex checks its open frame, so both do the same session work per page. Hand-written as a
 * framework-free application would: no per-page queue, each socket's seq is the round minus the
 * last round before it opened, and sends are asynchronous and coalesced (one send in flight per
 * socket, what piles up behind it goes out as one message), so the publishing thread never waits.
 */
public final class SocketPages {
  private final Map<String, Set<Page>> byPath = new ConcurrentHashMap<>();
  private final java.util.function.BinaryOperator<String> pathOf;
  private volatile long lastRound;

  /** Sockets that cannot open pages (only the WS1 call frames). */
  public SocketPages() {
    this((session, csrf) -> null);
  }

  /**
   * @param pathOf the page URL of the handshake's page {@code session} when {@code csrf} is its
   *     token, else null
   */
  public SocketPages(java.util.function.BinaryOperator<String> pathOf) {
    this.pathOf = pathOf;
  }

  /** The page URL the open frame's session and token name, or null when they name none. */
  String pathOf(String session, String csrf) {
    return session == null || csrf == null ? null : pathOf.apply(session, csrf);
  }

  /** Sockets open on {@code path}. */
  public int count(String path) {
    Set<Page> pages = byPath.get(path);
    return pages == null ? 0 : pages.size();
  }

  Page open(Session session, String path) {
    Page page = new Page(session, path, lastRound);
    byPath.computeIfAbsent(path, p -> ConcurrentHashMap.newKeySet()).add(page);
    return page;
  }

  void close(Page page) {
    Set<Page> pages = byPath.get(page.path);
    if (pages != null) {
      pages.remove(page);
    }
  }

  /** Writes round {@code round}'s entry (after its seq: {@code ,"fn":...}}) to every socket of {@code path}. */
  public void publish(String path, long round, String tail) {
    lastRound = round;
    Set<Page> pages = byPath.get(path);
    if (pages == null) {
      return;
    }
    for (Page page : pages) {
      if (round > page.base) {
        page.send("{\"reverse\":{\"calls\":[{\"seq\":" + (round - page.base) + tail + "]}}\n");
      }
    }
  }

  /** One open socket: at most one send in flight, the rest coalesced behind it. */
  static final class Page implements SendHandler {
    final Session session;
    final String path;
    final long base;
    private final StringBuilder pending = new StringBuilder();
    private boolean sending;

    Page(Session session, String path, long base) {
      this.session = session;
      this.path = path;
      this.base = base;
    }

    void send(String lines) {
      String now;
      synchronized (this) {
        if (sending) {
          pending.append(lines);
          return;
        }
        sending = true;
        now = lines;
      }
      sendAsync(now);
    }

    private void sendAsync(String text) {
      try {
        session.getAsyncRemote().sendText(text, this);
      } catch (RuntimeException e) {
        onResult(new SendResult(e));
      }
    }

    @Override
    public void onResult(SendResult result) {
      String next;
      synchronized (this) {
        if (!result.isOK() || pending.length() == 0) {
          sending = false;
          pending.setLength(0);
          return;
        }
        next = pending.toString();
        pending.setLength(0);
      }
      sendAsync(next);
    }
  }
}

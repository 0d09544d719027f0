package io.duplex.bench.ceiling;

import com.google.gson.JsonPrimitive;
import io.duplex.bench.ceiling.CeilingPage.Held;
import io.duplex.bench.server.BenchTarget;
import io.duplex.bench.server.ServerMode;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling: the same work as the Duplex server (the same wire protocol's happy path, HTTP
 * sessions, CSRF and origin checks, echo, broadcast to a page URL) written directly on async
 * servlets with no framework. Broadcast rounds go to one shared {@link RoundLog}; a publish
 * completes every parked long poll or writes to every parked stream of the page URL.
 */
public final class CeilingTarget implements BenchTarget {
  static final byte[] HEARTBEAT = "{\"hb\":1}\n".getBytes(StandardCharsets.US_ASCII);
  static final byte[] CLOSE_HOLD = "{\"close\":\"hold\"}\n".getBytes(StandardCharsets.US_ASCII);
  static final byte[] CLOSE_REPLACED = "{\"close\":\"replaced\"}\n".getBytes(StandardCharsets.US_ASCII);
  static final byte[] EMPTY_POLL = "{\"v\":1,\"reverse\":{}}".getBytes(StandardCharsets.US_ASCII);

  final ServerMode mode;
  final RoundLog log = new RoundLog();
  final Map<String, CeilingPage> pagesById = new ConcurrentHashMap<>();
  final Map<String, Set<CeilingPage>> pagesByPath = new ConcurrentHashMap<>();
  /** Pages on the plain socket ceiling (websocket mode): broadcast to as well. */
  private final SocketPages sockets = new SocketPages((id, csrf) -> {
    CeilingPage page = pagesById.get(id);
    return page != null && page.csrf.equals(csrf) ? page.path : null;
  });
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ceiling-timer");
        t.setDaemon(true);
        return t;
      });

  public CeilingTarget(ServerMode mode) {
    this.mode = mode;
    timer.scheduleWithFixedDelay(this::expireHolds, 500, 500, TimeUnit.MILLISECONDS);
  }

  @Override
  public String name() {
    return "ceiling";
  }

  @Override
  public String base() {
    return "/ceiling";
  }

  @Override
  public Servlet servlet() {
    return new CeilingServlet(this);
  }

  @Override
  public int broadcastPages() {
    Set<CeilingPage> pages = pagesByPath.get(BROADCAST_PAGE);
    // In websocket mode a page is counted once its socket is open (its handshake made it too).
    return mode == ServerMode.WEBSOCKET ? sockets.count(BROADCAST_PAGE) : pages == null ? 0 : pages.size();
  }

  @Override
  public SocketPages sockets() {
    return sockets;
  }

  @Override
  public void publish(long round, long sentNanos, String text) {
    String tail = ",\"fn\":\"bench.addMessage\",\"args\":[{\"seq\":" + round
        + ",\"sentNanos\":" + sentNanos + ",\"text\":" + new JsonPrimitive(text) + "}]}";
    log.append(round, tail);
    if (mode == ServerMode.WEBSOCKET) {
      sockets.publish(BROADCAST_PAGE, round, tail);
      return;
    }
    Set<CeilingPage> pages = pagesByPath.get(BROADCAST_PAGE);
    if (pages == null) {
      return;
    }
    // Encoded once per round for each join point (pages that opened together share their seqs).
    Map<Long, byte[][]> encoded = new HashMap<>(4);
    for (CeilingPage page : pages) {
      synchronized (page) {
        Held held = page.held;
        if (held == null) {
          continue;
        }
        long seq = round - page.base;
        if (held.stream()) {
          byte[] line = held.written == seq - 1
              ? encoded.computeIfAbsent(page.base, b -> encode(seq, tail))[0]
              : streamLine(page, held.written, round);
          write(page, held, line);
          held.written = seq;
        } else {
          page.held = null;
          byte[] body = held.written == seq - 1
              ? encoded.computeIfAbsent(page.base, b -> encode(seq, tail))[1]
              : pollBody(page, held.written, round);
          finish(held, body);
        }
      }
    }
  }

  private static byte[][] encode(long seq, String tail) {
    String entry = "{\"seq\":" + seq + tail;
    return new byte[][] {
      ("{\"reverse\":{\"calls\":[" + entry + "]}}\n").getBytes(StandardCharsets.UTF_8),
      ("{\"v\":1,\"reverse\":{\"calls\":[" + entry + "]}}").getBytes(StandardCharsets.UTF_8)
    };
  }

  String register(CeilingPage page) {
    pagesById.put(page.id, page);
    pagesByPath.computeIfAbsent(page.path, p -> ConcurrentHashMap.newKeySet()).add(page);
    return page.id;
  }

  void unregister(CeilingPage page) {
    pagesById.remove(page.id);
    Set<CeilingPage> pages = pagesByPath.get(page.path);
    if (pages != null) {
      pages.remove(page);
    }
    synchronized (page) {
      Held held = page.held;
      if (held != null) {
        page.held = null;
        if (held.stream()) {
          held.writer.close("{\"close\":\"ended\"}\n".getBytes(StandardCharsets.US_ASCII));
        } else {
          finish(held, EMPTY_POLL);
        }
      }
    }
  }

  byte[] streamLine(CeilingPage page, long afterSeq, long upToRound) {
    String entries = log.entries(page.base, afterSeq, upToRound);
    return ("{\"reverse\":{" + (entries.isEmpty() ? "" : "\"calls\":[" + entries + "]") + "}}\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  byte[] pollBody(CeilingPage page, long afterSeq, long upToRound) {
    String entries = log.entries(page.base, afterSeq, upToRound);
    return entries.isEmpty()
        ? EMPTY_POLL
        : ("{\"v\":1,\"reverse\":{\"calls\":[" + entries + "]}}").getBytes(StandardCharsets.UTF_8);
  }

  /** Queues bytes on a held stream (never blocks); a stream that failed is let go. */
  void write(CeilingPage page, Held held, byte[] bytes) {
    held.writer.send(bytes);
    held.lastWrite = System.nanoTime();
    if (held.writer.isDone() && page.held == held) {
      page.held = null;
    }
  }

  static void finish(Held held, byte[] body) {
    try {
      held.async.getResponse().setContentLength(body.length);
      held.out.write(body);
    } catch (IOException | IllegalStateException e) {
      // the page went away; it will post again or not at all
    } finally {
      held.async.complete();
    }
  }

  private void expireHolds() {
    long now = System.nanoTime();
    long maxHold = TimeUnit.MILLISECONDS.toNanos(ServerMode.MAX_HOLD_MILLIS);
    long heartbeat = TimeUnit.MILLISECONDS.toNanos(ServerMode.HEARTBEAT_MILLIS);
    for (CeilingPage page : pagesById.values()) {
      synchronized (page) {
        Held held = page.held;
        if (held == null) {
          continue;
        }
        if (now - held.since >= maxHold) {
          page.held = null;
          if (held.stream()) {
            held.writer.close(CLOSE_HOLD);
          } else {
            finish(held, EMPTY_POLL);
          }
        } else if (held.stream() && held.writer.isDone()) {
          page.held = null;
        } else if (held.stream() && now - held.lastWrite >= heartbeat) {
          write(page, held, HEARTBEAT);
        }
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}

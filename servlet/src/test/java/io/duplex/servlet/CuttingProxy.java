package io.duplex.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 that can cut every connection through it at once, can cut one in the
 * middle of a delivery, and can swallow what the server sends (so the server believes it delivered
 * what the page never got).
 */
public final class CuttingProxy implements AutoCloseable {
  private static final byte[] CALLS_MARKER = "\"calls\":[".getBytes(StandardCharsets.US_ASCII);
  private final ServerSocket listener;
  private final int targetPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile boolean swallow;
  private volatile boolean closed;
  private final java.util.concurrent.atomic.AtomicLong swallowed = new java.util.concurrent.atomic.AtomicLong();
  private final AtomicBoolean cutInsideDelivery = new AtomicBoolean();
  private final AtomicInteger deliveryCuts = new AtomicInteger();

  public CuttingProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** While true, bytes from the server are read and dropped instead of forwarded. */
  public void swallowResponses(boolean swallow) {
    this.swallow = swallow;
  }

  /** Bytes from the server dropped so far. */
  public long swallowedBytes() {
    return swallowed.get();
  }

  /**
   * The next time the server sends reverse calls ({@code "calls":[}) through any connection, only
   * the bytes up to the middle of them are forwarded and that connection is closed: the server
   * wrote a whole delivery, the page got a truncated response it cannot use.
   */
  public void cutInsideNextDelivery() {
    cutInsideDelivery.set(true);
  }

  /** How many connections {@link #cutInsideNextDelivery} has cut. */
  public int deliveryCuts() {
    return deliveryCuts.get();
  }

  /** Closes every connection through the proxy, both sides, mid-whatever. */
  public void cutAll() {
    // One by one, not clear(): a connection accepted meanwhile must stay in the set to be cut later.
    for (Socket socket : sockets) {
      close(socket);
    }
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(server);
        pump(client, server, false);
        pump(server, client, true);
      } catch (IOException e) {
        if (!closed) {
          cutAll();
        }
      }
    }
  }

  private void pump(Socket from, Socket to, boolean fromServer) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              // The end of the previous read: a marker may straddle two reads.
              byte[] tail = new byte[0];
              try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  int cutAt = -1;
                  if (fromServer) {
                    byte[] window = new byte[tail.length + n];
                    System.arraycopy(tail, 0, window, 0, tail.length);
                    System.arraycopy(buffer, 0, window, tail.length, n);
                    // A marker found in the window ends in this read, so the cut falls in it too.
                    int cut = cutInsideDelivery.get() ? deliveryCut(window) : -1;
                    cutAt = cut < 0 ? -1 : cut - tail.length;
                    tail = Arrays.copyOfRange(window, Math.max(0, window.length - CALLS_MARKER.length + 1), window.length);
                  }
                  // A connection already cut by cutAll cannot carry this cut: the next one will.
                  if (cutAt >= 0 && !to.isClosed() && cutInsideDelivery.compareAndSet(true, false)) {
                    try {
                      out.write(buffer, 0, cutAt);
                      out.flush();
                    } catch (IOException lost) {
                      cutInsideDelivery.set(true);
                      throw lost;
                    }
                    deliveryCuts.incrementAndGet();
                    break;
                  }
                  if (fromServer && swallow) {
                    swallowed.addAndGet(n);
                  } else {
                    out.write(buffer, 0, n);
                    out.flush();
                  }
                }
              } catch (IOException e) {
                // cut
              } finally {
                close(from);
                close(to);
              }
            },
            "proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Where to cut bytes carrying reverse calls: halfway through what follows the marker (at least
   * just after it); -1 if there is no marker.
   */
  private static int deliveryCut(byte[] bytes) {
    int at = indexOf(bytes, CALLS_MARKER);
    if (at < 0) {
      return -1;
    }
    int afterMarker = at + CALLS_MARKER.length;
    return afterMarker + (bytes.length - afterMarker) / 2;
  }

  private static int indexOf(byte[] bytes, byte[] marker) {
    outer:
    for (int i = 0; i + marker.length <= bytes.length; i++) {
      for (int j = 0; j < marker.length; j++) {
        if (bytes[i + j] != marker[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private void close(Socket socket) {
    sockets.remove(socket);
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    cutAll();
  }
}

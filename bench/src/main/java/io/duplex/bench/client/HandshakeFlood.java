package io.duplex.bench.client;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * W4 attack (a): {@code connections} threads, each sending handshakes back to back on one
 * keep-alive connection, without a cookie (so each can open a new HTTP session too), as fast as the
 * server answers. Counts answers by kind; reconnects when the server closes.
 */
final class HandshakeFlood implements AutoCloseable {
  private final String host;
  private final int port;
  private final byte[] request;
  private final List<Thread> threads = new ArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();
  final LongAdder accepted = new LongAdder();
  final LongAdder refused = new LongAdder();
  final LongAdder failures = new LongAdder();
  private volatile boolean running = true;

  HandshakeFlood(String host, int port, String base, int connections) {
    this.host = host;
    this.port = port;
    byte[] body = Wire.handshake("/flood.html");
    String head = "POST " + base + "/session HTTP/1.1\r\n"
        + "Host: " + host + ":" + port + "\r\n"
        + "Origin: http://" + host + ":" + port + "\r\n"
        + "Content-Type: application/json\r\n"
        + "Content-Length: " + body.length + "\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
    request = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(body, 0, request, headBytes.length, body.length);
    for (int i = 0; i < connections; i++) {
      Thread thread = new Thread(this::flood, "w4-flood-" + i);
      thread.setDaemon(true);
      threads.add(thread);
    }
  }

  void start() {
    threads.forEach(Thread::start);
  }

  long answered() {
    return accepted.sum() + refused.sum();
  }

  private void flood() {
    while (running) {
      try (Socket socket = new Socket(host, port)) {
        synchronized (sockets) {
          sockets.add(socket);
        }
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        boolean open = true;
        while (running && open) {
          out.write(request);
          out.flush();
          Answer answer = readResponse(in);
          if (answer.status() == 200) {
            accepted.increment();
          } else if (answer.status() > 0) {
            refused.increment();
          }
          open = !answer.closed();
        }
        synchronized (sockets) {
          sockets.remove(socket);
        }
      } catch (IOException | RuntimeException e) {
        if (running) {
          failures.increment();
        }
      }
    }
  }

  /** One response's status (-1: none), and whether the connection ended with it. */
  private record Answer(int status, boolean closed) {}

  private static Answer readResponse(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int status = -1;
    long length = -1;
    boolean close = false;
    boolean first = true;
    while (true) {
      line.setLength(0);
      int c;
      while ((c = in.read()) >= 0 && c != '\n') {
        if (c != '\r') {
          line.append((char) c);
        }
      }
      if (c < 0) {
        return new Answer(-1, true);
      }
      if (first) {
        status = Integer.parseInt(line.substring(9, 12));
        first = false;
      } else if (line.length() == 0) {
        break;
      } else {
        String lower = line.toString().toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(lower.substring(15).trim());
        } else if (lower.startsWith("connection:") && lower.contains("close")) {
          close = true;
        }
      }
    }
    if (length < 0) {
      // No length (chunked or close-delimited): read to the end and reconnect.
      in.transferTo(OutputStream.nullOutputStream());
      return new Answer(status, true);
    }
    in.skipNBytes(length);
    return new Answer(status, close);
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    synchronized (sockets) {
      for (Socket socket : sockets) {
        try {
          socket.close();
        } catch (IOException e) {
          // closing anyway
        }
      }
    }
    for (Thread thread : threads) {
      thread.join(10_000);
    }
  }
}

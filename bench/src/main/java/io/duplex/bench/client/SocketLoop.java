package io.duplex.bench.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One selector thread running many {@link ClientSocket}s: connects, reads, frames and writes
 * every socket of a workload, and runs their listeners. Written for the load client because the
 * JDK's java.net.http.WebSocket hands each frame between its selector thread and a pool of
 * workers with a CompletableFuture per send and per receive, which made the client, not the
 * server, use up its core (bench/RESULTS.md, "WebSocket load client"). Here a received frame is
 * parsed in the read buffer and given to the listener on this thread, and a send is written to
 * the socket by the thread that sends it.
 */
final class SocketLoop implements AutoCloseable {
  /**
   * Loop threads per workload: {@code -Dduplex.bench.socketThreads=N}, default 1 (the client JVM
   * has one core). More only help where other processes share that core: each thread gets its
   * own share of it.
   */
  static final int THREADS = Math.max(1, Integer.getInteger("duplex.bench.socketThreads", 1));

  private final Selector selector;
  private final Thread thread;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  SocketLoop(String name) {
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Opens a WebSocket to {@code ws://host:port/path} with {@code headers} (Origin, Cookie) on
   * the upgrade request; completes once the server's 101 is in and checked.
   */
  CompletableFuture<ClientSocket> connect(String host, int port, String path, Map<String, String> headers,
      ClientSocket.Listener listener) {
    CompletableFuture<ClientSocket> opened = new CompletableFuture<>();
    execute(() -> {
      SocketChannel channel = null;
      try {
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ClientSocket socket = new ClientSocket(this, channel, host, port, path, headers, listener, opened);
        SelectionKey key = channel.register(selector, 0, socket);
        socket.key = key;
        if (channel.connect(new InetSocketAddress(host, port))) {
          socket.connected();
        } else {
          key.interestOps(SelectionKey.OP_CONNECT);
        }
      } catch (IOException | RuntimeException e) {
        if (channel != null) {
          try {
            channel.close();
          } catch (IOException ignored) {
            // already failing
          }
        }
        opened.completeExceptionally(e);
      }
    });
    return opened;
  }

  /** {@link #THREADS} loops named {@code name-i}; sockets are spread over them by page index. */
  static SocketLoop[] group(String name) {
    SocketLoop[] loops = new SocketLoop[THREADS];
    for (int i = 0; i < loops.length; i++) {
      loops[i] = new SocketLoop(name + "-" + i);
    }
    return loops;
  }

  static void closeAll(SocketLoop[] loops) {
    for (SocketLoop loop : loops) {
      loop.close();
    }
  }

  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /** Runs {@code task} on the selector thread (now, when already on it). */
  void execute(Runnable task) {
    if (inLoop()) {
      task.run();
      return;
    }
    tasks.add(task);
    selector.wakeup();
  }

  /** Makes an interest change from another thread take effect in the current select. */
  void wakeup() {
    if (!inLoop()) {
      selector.wakeup();
    }
  }

  private void run() {
    while (!closed) {
      try {
        selector.select(this::ready);
      } catch (IOException | RuntimeException e) {
        if (!closed) {
          System.err.println("socket loop: " + e);
        }
      }
      Runnable task;
      while ((task = tasks.poll()) != null) {
        task.run();
      }
    }
    for (SelectionKey key : selector.keys()) {
      ((ClientSocket) key.attachment()).abort();
    }
    try {
      selector.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private void ready(SelectionKey key) {
    ClientSocket socket = (ClientSocket) key.attachment();
    try {
      if (!key.isValid()) {
        return;
      }
      int ready = key.readyOps();
      if ((ready & SelectionKey.OP_CONNECT) != 0) {
        if (((SocketChannel) key.channel()).finishConnect()) {
          socket.connected();
        }
        return;
      }
      if ((ready & SelectionKey.OP_WRITE) != 0) {
        socket.writable();
      }
      if ((ready & SelectionKey.OP_READ) != 0 && key.isValid()) {
        socket.readable();
      }
    } catch (IOException | RuntimeException e) {
      socket.failed(e);
    }
  }

  @Override
  public void close() {
    closed = true;
    selector.wakeup();
  }
}

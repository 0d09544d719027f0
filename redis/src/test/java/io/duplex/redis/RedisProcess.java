package io.duplex.redis;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * A real {@code redis-server} on a free loopback port, persistence off, stopped by its PID. It can
 * be frozen (SIGSTOP) and thawed (SIGCONT), or killed and started again on the same port.
 */
public final class RedisProcess implements AutoCloseable {
  private final int port;
  private Process process;

  private RedisProcess(int port) {
    this.port = port;
  }

  public static RedisProcess start() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    RedisProcess redis = new RedisProcess(port);
    redis.launch();
    return redis;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** The server's process id, e.g. for a tool that stops it itself. */
  public long pid() {
    return process.pid();
  }

  int port() {
    return port;
  }

  /** SIGSTOP: connections stay open, nothing is answered until {@link #thaw()}. */
  public void freeze() throws Exception {
    signal("STOP");
  }

  public void thaw() throws Exception {
    signal("CONT");
  }

  /** Kills the server (its stream is lost: persistence is off) and starts a new one on the port. */
  void restart() throws IOException {
    stop();
    launch();
  }

  void stop() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void launch() throws IOException {
    process =
        new ProcessBuilder(
                "redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--daemonize", "no")
            .redirectErrorStream(true)
            .redirectOutput(new File(System.getProperty("java.io.tmpdir"), "duplex-redis-" + port + ".log"))
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.getOutputStream().write("PING\r\n".getBytes());
        if (socket.getInputStream().read() == '+') {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (!process.isAlive()) {
        throw new IOException("redis-server exited with " + process.exitValue() + "; is it installed?");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
    throw new IOException("redis-server did not answer PING on port " + port);
  }

  private void signal(String name) throws Exception {
    int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException("kill -" + name + " failed");
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      try {
        thaw();
      } catch (Exception ignored) {
        // stopping it anyway
      }
    }
    stop();
  }
}

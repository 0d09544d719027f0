package io.duplex.bench.ceiling;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.Arrays;

/**
 * Non-blocking writes to one held stream: lines are appended to a pending buffer and written when
 * the connection can take them, so the publishing thread never waits for a page, and rounds that
 * pile up behind a slow write go out together in one write. Every method runs under the page's
 * monitor.
 */
final class StreamWriter implements WriteListener {
  private final Object lock;
  private final AsyncContext async;
  private final ServletOutputStream out;
  private byte[] pending = new byte[256];
  private int length;
  private boolean needFlush;
  private boolean closing;
  private boolean done;

  StreamWriter(Object lock, AsyncContext async, ServletOutputStream out) {
    this.lock = lock;
    this.async = async;
    this.out = out;
  }

  boolean isDone() {
    return done;
  }

  /** Queues {@code bytes} and writes what the connection takes now. */
  void send(byte[] bytes) {
    if (done || closing) {
      return;
    }
    if (length + bytes.length > pending.length) {
      pending = Arrays.copyOf(pending, Math.max(pending.length * 2, length + bytes.length));
    }
    System.arraycopy(bytes, 0, pending, length, bytes.length);
    length += bytes.length;
    drain();
  }

  /** Writes {@code last}, then ends the response once everything is out. */
  void close(byte[] last) {
    if (done || closing) {
      return;
    }
    send(last);
    closing = true;
    drain();
  }

  @Override
  public void onWritePossible() {
    synchronized (lock) {
      drain();
    }
  }

  @Override
  public void onError(Throwable failure) {
    synchronized (lock) {
      finish();
    }
  }

  private void drain() {
    try {
      while (!done && out.isReady()) {
        if (needFlush) {
          needFlush = false;
          out.flush();
        } else if (length > 0) {
          out.write(pending, 0, length);
          length = 0;
          needFlush = true;
        } else {
          if (closing) {
            finish();
          }
          return;
        }
      }
    } catch (IOException | IllegalStateException e) {
      finish();
    }
  }

  private void finish() {
    if (!done) {
      done = true;
      async.complete();
    }
  }
}

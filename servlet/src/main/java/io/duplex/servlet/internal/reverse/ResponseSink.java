package io.duplex.servlet.internal.reverse;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;

/** A held {@code /reverse} response in async mode, written with non-blocking I/O. */
final class ResponseSink implements Sink {
  private final AsyncContext async;
  private final ServletOutputStream out;

  ResponseSink(AsyncContext async, ServletOutputStream out) {
    this.async = async;
    this.out = out;
  }

  @Override
  public boolean isReady() {
    return out.isReady();
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    out.write(bytes, offset, length);
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void complete(HeldConnection.Reason reason) {
    complete(async);
  }

  static void complete(AsyncContext async) {
    try {
      async.complete();
    } catch (IllegalStateException alreadyCompleted) {
      // the container completed it (error or timeout)
    }
  }
}

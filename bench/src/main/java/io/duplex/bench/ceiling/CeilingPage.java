package io.duplex.bench.ceiling;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;

/** One open page of the ceiling server. Its held request is guarded by the page's monitor. */
final class CeilingPage {
  final String id;
  final String csrf;
  final String httpSessionId;
  final String path;
  /** The last broadcast round before this page opened: its seq n is round base + n. */
  final long base;
  volatile long acked;

  /** The held /reverse request, or null. */
  Held held;

  CeilingPage(String id, String csrf, String httpSessionId, String path, long base) {
    this.base = base;
    this.id = id;
    this.csrf = csrf;
    this.httpSessionId = httpSessionId;
    this.path = path;
  }

  /** A parked /reverse: a stream written as rounds come, or a long poll completed by the next one. */
  static final class Held {
    final AsyncContext async;
    final ServletOutputStream out;
    /** Streams only. */
    final StreamWriter writer;
    final long since;
    /** Highest page seq written to this stream, or the long poll's ack. */
    long written;
    long lastWrite;

    Held(AsyncContext async, ServletOutputStream out, StreamWriter writer, long written, long now) {
      this.async = async;
      this.out = out;
      this.writer = writer;
      this.written = written;
      this.since = now;
      this.lastWrite = now;
    }

    boolean stream() {
      return writer != null;
    }
  }
}

package io.duplex.servlet.internal.reverse;

import io.duplex.internal.protocol.ResponseBuffer;
import io.duplex.internal.protocol.ResponseWriter;
import io.duplex.internal.protocol.StreamLines;
import io.duplex.internal.reverse.ScriptSessionImpl;
import io.duplex.servlet.internal.HttpResponses;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;

/**
 * Comet long poll: held until an entry is queued (then up to maxWaitAfterWriteMillis longer, so
 * calls queued together travel together), the hold ends, a newer poll replaces it, or the session
 * ends; then answered with one {@code {"v":1,"reverse":{...}}}. Entries already waiting when the
 * poll arrives are answered at once.
 */
final class LongPollConnection extends HeldConnection {
  private final long waitAfterWriteMillis;
  private HttpServletResponse response;
  private ScheduledFuture<?> waitTimer;
  private boolean firstPump = true;

  LongPollConnection(
      ScriptSessionImpl session, long ack, long conn, Holding holding, long waitAfterWriteMillis) {
    super(session, ack, conn, holding);
    this.waitAfterWriteMillis = waitAfterWriteMillis;
  }

  @Override
  protected void prepare(HttpServletResponse response) {
    this.response = response;
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(HttpResponses.JSON);
    // The container's default (Jetty 32 KB) would be taken by every held response for its whole
    // hold; what Duplex writes is flushed at once, and larger writes pass the buffer by.
    response.setBufferSize(HeldConnection.RESPONSE_BUFFER_BYTES);
    response.setHeader("Cache-Control", "no-store");
  }

  @Override
  protected void produce(ResponseBuffer out) {
    boolean first = firstPump;
    firstPump = false;
    if (!queue.hasPendingAfter(written) && !othersPending()) {
      return;
    }
    if (first || waitAfterWriteMillis == 0) {
      endWith(Reason.DELIVER);
    } else if (waitTimer == null) {
      waitTimer = later(buffer -> endWith(Reason.DELIVER), waitAfterWriteMillis);
    }
  }

  @Override
  protected void closing(ResponseBuffer out, Reason reason) throws IOException {
    // Replaced or ended: an empty reverse object; the newer poll (or the 410) takes it from here.
    boolean withCalls = reason != Reason.REPLACED && reason != Reason.ENDED;
    int start = out.size();
    written = ResponseWriter.reverse(out, withCalls ? queue : null, written);
    if (withCalls) {
      carried(out);
    }
    response.setContentLength(out.size() - start);
  }

  /**
   * The answers for the pages carried for other tabs that have any, as {@code "pages":[{"s":...,
   * "reverse":{...}}, ...]} inside the answer's object (protocol section 4.4).
   */
  private void carried(ResponseBuffer out) throws IOException {
    if (!othersPending()) {
      return;
    }
    // The answer's closing brace makes way for the member.
    out.truncate(out.size() - 1);
    out.ascii(",\"pages\":[");
    boolean first = true;
    for (String[] notice : notices) {
      first = comma(out, first);
      out.ascii("{\"s\":").ascii(StreamLines.quoted(notice[0])).ascii(",");
      out.write(notice[1]);
      out.ascii("}");
    }
    notices.clear();
    for (Carried page : others()) {
      if (page.queue.hasPendingAfter(page.written)) {
        first = comma(out, first);
        out.ascii("{\"s\":").ascii(StreamLines.quoted(page.session.id())).ascii(",\"reverse\":");
        page.written = page.queue.writePending(page.written, out.asOutputStream());
        out.ascii("}");
      }
    }
    out.ascii("]}");
  }

  private static boolean comma(ResponseBuffer out, boolean first) {
    if (!first) {
      out.ascii(",");
    }
    return false;
  }

  @Override
  protected void stopTimers() {
    if (waitTimer != null) {
      waitTimer.cancel(false);
    }
  }
}

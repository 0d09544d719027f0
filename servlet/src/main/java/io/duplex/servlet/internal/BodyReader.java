package io.duplex.servlet.internal;

import io.duplex.internal.protocol.ErrorCode;
import io.duplex.internal.protocol.ProtocolException;
import io.duplex.internal.protocol.RequestBody;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every POST body without a thread ever waiting for a client (docs/protocol.md, "Reading
 * bodies"). What has already arrived is read at once; for the usual small body that is all of it,
 * and the request is handled on the spot. Otherwise the request goes async, a {@link ReadListener}
 * takes the rest as it arrives, and once it is complete the request is dispatched again ({@link
 * DispatcherType#ASYNC}) and handled then, so that handlers may start async mode of their own.
 *
 * <p>A body not complete within bodyTimeoutMillis is answered REQUEST_TIMEOUT and its connection
 * closed; the container's async timeout measures it, not a timer of ours. A request refused before
 * its body is read (method, origin, media type, declared size) has its body discarded the same way,
 * up to {@link RequestBody#discardLimit}, and then gets its answer; a larger body is not read: the
 * answer goes out at once and closes the connection.
 */
final class BodyReader {
  private static final Logger LOG = LoggerFactory.getLogger(BodyReader.class);
  /** The request attribute carrying an {@link Outcome} from the reading into the dispatch. */
  private static final String OUTCOME = BodyReader.class.getName() + ".outcome";
  private static final int DISCARD_CHUNK = 4096;

  private final int maxBytes;
  private final long timeoutMillis;

  BodyReader(int maxBytes, long timeoutMillis) {
    this.maxBytes = maxBytes;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * The whole body, or null when it is still arriving: then the request has gone async and is
   * dispatched again once the body is complete (this method then returns it), or answered when it
   * does not arrive in time.
   *
   * @param refusal the request's refusal by a check that precedes reading, or null
   * @throws ProtocolException {@code refusal} once the body is discarded, PAYLOAD_TOO_LARGE, or
   *     REQUEST_TIMEOUT
   */
  RequestBody.Bytes read(HttpServletRequest request, HttpServletResponse response, ProtocolException refusal)
      throws IOException {
    if (request.getDispatcherType() == DispatcherType.ASYNC && request.getAttribute(OUTCOME) instanceof Outcome done) {
      request.removeAttribute(OUTCOME);
      return done.deliver(response);
    }
    long declared = request.getContentLengthLong();
    if (refusal == null) {
      refusal = RequestBody.checkDeclared(declared, maxBytes);
    }
    Reading reading = new Reading(request, declared, refusal);
    if (refusal != null && declared > RequestBody.discardLimit(maxBytes)) {
      // Answered at once, but from a dispatch with a ReadListener set: a container that drains the
      // rest of an unread body after the answer (Tomcat does, up to its maxSwallowSize, blocking a
      // thread on the client) then reads only what has arrived before it closes the connection.
      reading.answerUnread(response);
      return null;
    }
    Outcome outcome;
    try {
      outcome = reading.readWhatHasArrived();
    } catch (IOException e) {
      LOG.debug("Could not read a request body", e);
      outcome = new Outcome(null, ProtocolException.malformed("The request body could not be read"), true);
    }
    if (outcome != null) {
      return outcome.deliver(response);
    }
    // DuplexServlet refused the request already if it could not go async (Deployment.requireAsync).
    reading.continueAsync(response);
    return null;
  }

  /** How a reading ended: a body, or a refusal (with the connection closed if it was not all read). */
  private record Outcome(RequestBody.Bytes body, ProtocolException refusal, boolean close) {
    RequestBody.Bytes deliver(HttpServletResponse response) {
      if (refusal == null) {
        return body;
      }
      if (close) {
        response.setHeader("Connection", "close");
      }
      throw refusal;
    }
  }

  /** One request's body while it is read: kept (bounded by maxBodyBytes) or, once refused, discarded. */
  private final class Reading implements ReadListener, AsyncListener {
    private final HttpServletRequest request;
    private final ServletInputStream in;
    private final long declared;
    /** Null while discarding. */
    private RequestBody body;
    private ProtocolException refusal;
    private byte[] sink;
    private long discarded;
    // Guarded by this once async.
    private AsyncContext async;
    private boolean finished;

    Reading(HttpServletRequest request, long declared, ProtocolException refusal) throws IOException {
      this.request = request;
      this.in = request.getInputStream();
      this.declared = declared;
      if (refusal == null) {
        body = new RequestBody(declared, maxBytes);
      } else {
        refuse(refusal);
      }
    }

    /**
     * In blocking mode, before any listener: reads only what {@code available()} says is there, so
     * it never blocks. The outcome when the body is complete, else null.
     */
    Outcome readWhatHasArrived() throws IOException {
      while (true) {
        if (declared >= 0 && received() >= declared) {
          return outcome(false);
        }
        int available = in.available();
        if (available <= 0) {
          return in.isFinished() ? outcome(false) : null;
        }
        Outcome cutOff = readOnce(available);
        if (cutOff != null) {
          return cutOff;
        }
      }
    }

    void continueAsync(HttpServletResponse response) {
      synchronized (this) {
        async = request.startAsync(request, response);
        async.setTimeout(timeoutMillis);
        async.addListener(this);
      }
      // The container calls onDataAvailable as soon as more has arrived (possibly right away).
      in.setReadListener(this);
    }

    /** Goes async only to answer the refusal at once: nothing more of the body is read. */
    void answerUnread(HttpServletResponse response) {
      continueAsync(response);
      synchronized (this) {
        if (!finished) {
          finish(outcome(true));
        }
      }
    }

    @Override
    public synchronized void onDataAvailable() throws IOException {
      if (finished) {
        return;
      }
      // isReady() is true at the end too; the end itself is reported by onAllDataRead.
      while (in.isReady() && !in.isFinished()) {
        Outcome cutOff = readOnce(Integer.MAX_VALUE);
        if (cutOff != null) {
          finish(cutOff);
          return;
        }
      }
    }

    @Override
    public synchronized void onAllDataRead() {
      if (!finished) {
        finish(outcome(false));
      }
    }

    @Override
    public synchronized void onTimeout(AsyncEvent event) {
      if (!finished) {
        ProtocolException late = refusal != null
            ? refusal
            : new ProtocolException(
                ErrorCode.REQUEST_TIMEOUT,
                "The request body did not arrive within bodyTimeoutMillis (" + timeoutMillis + " ms)");
        finish(new Outcome(null, late, true));
      }
    }

    @Override
    public synchronized void onError(Throwable failure) {
      LOG.debug("Could not read a request body", failure);
      if (!finished) {
        // E.g. the client ended its side early: answered if it still reads, and closed.
        finish(new Outcome(null, ProtocolException.malformed("The request body could not be read"), true));
      }
    }

    @Override
    public void onError(AsyncEvent event) {
      abandon();
    }

    @Override
    public void onComplete(AsyncEvent event) {}

    @Override
    public void onStartAsync(AsyncEvent event) {}

    /** Reads once; a refusal that ends the reading at once (too much to discard), else null. */
    private Outcome readOnce(int max) throws IOException {
      if (body != null) {
        try {
          body.readFrom(in, max);
        } catch (ProtocolException tooLarge) {
          refuse(tooLarge);
        }
        return null;
      }
      if (sink == null) {
        sink = new byte[DISCARD_CHUNK];
      }
      int n = in.read(sink, 0, Math.min(max, sink.length));
      if (n > 0) {
        discarded += n;
        if (discarded > RequestBody.discardLimit(maxBytes)) {
          return outcome(true);
        }
      }
      return null;
    }

    private void refuse(ProtocolException refusal) {
      this.refusal = refusal;
      this.discarded = body == null ? 0 : body.bytes().length();
      this.body = null;
    }

    private long received() {
      return body != null ? body.bytes().length() : discarded;
    }

    private Outcome outcome(boolean close) {
      return refusal != null ? new Outcome(null, refusal, close) : new Outcome(body.bytes(), null, false);
    }

    /** Hands the outcome to a new dispatch of the request: it is answered on the usual path. */
    private void finish(Outcome outcome) {
      finished = true;
      request.setAttribute(OUTCOME, outcome);
      body = null;
      sink = null;
      try {
        async.dispatch();
      } catch (IllegalStateException alreadyOver) {
        LOG.debug("A request ended while its body was read", alreadyOver);
      }
    }

    private synchronized void abandon() {
      if (finished) {
        return;
      }
      finished = true;
      body = null;
      try {
        async.complete();
      } catch (IllegalStateException alreadyOver) {
        // the container ended it
      }
    }
  }
}

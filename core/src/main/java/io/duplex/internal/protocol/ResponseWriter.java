package io.duplex.internal.protocol;

import com.google.gson.stream.JsonWriter;
import io.duplex.DuplexConfig;
import io.duplex.internal.reverse.OutboundQueue;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the protocol's JSON responses (docs/protocol.md sections 1 to 4) into a {@link
 * ResponseBuffer}. Values are converted by their declared types; a value that fails to convert
 * becomes that call's SERVER_ERROR without spoiling the rest of the response. Thread-safe.
 */
public final class ResponseWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseWriter.class);
  private static final IncidentLog INCIDENTS = new IncidentLog(LOG);

  /** Writes one value by its declared type; the servlet passes {@code JsonConverter::writeJson}. */
  @FunctionalInterface
  public interface ValueWriter {
    void write(Object value, Type declaredType, JsonWriter out) throws IOException;
  }

  private final ValueWriter values;
  private final boolean debug;

  public ResponseWriter(ValueWriter values, boolean debug) {
    this.values = values;
    this.debug = debug;
  }

  /** {@code {"v":1,"error":{...}}}: a request-level refusal. */
  public static void error(ResponseBuffer out, ErrorInfo error) {
    out.ascii("{\"v\":1,\"error\":");
    try {
      writeError(new JsonWriter(out), error);
    } catch (IOException e) {
      throw new IllegalStateException("ResponseBuffer does not fail", e);
    }
    out.ascii("}");
  }

  /** The handshake answer of section 2. */
  public void handshake(ResponseBuffer out, String session, String csrf, String page, DuplexConfig config) {
    try {
      JsonWriter w = new JsonWriter(out);
      w.beginObject();
      w.name("v").value(RequestParser.VERSION);
      w.name("session").value(session);
      w.name("csrf").value(csrf);
      w.name("page").value(page);
      w.name("reverse").beginObject();
      w.name("mode").value(config.reverseAjax().wireName());
      w.name("streaming").value(config.streaming());
      w.name("maxHoldMillis").value(config.maxHoldMillis());
      w.name("heartbeatMillis").value(config.heartbeatMillis());
      w.name("pollIntervalMillis").value(config.pollIntervalMillis());
      w.name("ackIntervalMillis").value(config.ackIntervalMillis());
      w.name("share").value(config.shareConnection());
      w.endObject();
      w.name("debug").value(debug);
      w.endObject();
    } catch (IOException e) {
      throw new IllegalStateException("ResponseBuffer does not fail", e);
    }
  }

  /**
   * The call response of section 3: one result per outcome, in order, then the page's pending
   * reverse calls after {@code ack} when there are any ({@code queue} may be null).
   */
  public void callResults(ResponseBuffer out, List<CallOutcome> outcomes, OutboundQueue queue, long ack)
      throws IOException {
    out.ascii("{\"v\":1,\"results\":[");
    for (int i = 0; i < outcomes.size(); i++) {
      if (i > 0) {
        out.ascii(",");
      }
      result(out, outcomes.get(i));
    }
    out.ascii("]");
    if (queue != null && queue.hasPendingAfter(ack)) {
      out.ascii(",\"reverse\":");
      queue.writePending(ack, out.asOutputStream());
    }
    out.ascii("}");
  }

  /**
   * A call-results frame of a WebSocket (section 4.6): {@code {"n":7,"v":1,"results":[...]}} and a
   * newline. Reverse calls are not added: the socket delivers them itself.
   */
  public void socketResults(ResponseBuffer out, long n, List<CallOutcome> outcomes) throws IOException {
    out.ascii("{\"n\":" + n + ",");
    int start = out.size();
    callResults(out, outcomes, null, 0);
    dropOpeningBrace(out, start);
    out.ascii("\n");
  }

  /** A refusal frame of a WebSocket: {@code {"n":7,"v":1,"error":{...}}} ({@code n} left out when 0). */
  public static void socketError(ResponseBuffer out, long n, ErrorInfo error) {
    if (n > 0) {
      out.ascii("{\"n\":" + n + ",");
      int start = out.size();
      error(out, error);
      dropOpeningBrace(out, start);
    } else {
      error(out, error);
    }
    out.ascii("\n");
  }

  /**
   * Removes the opening brace written at {@code start}: the object written there joins the one
   * already opened with {@code "n"} before it.
   */
  private static void dropOpeningBrace(ResponseBuffer out, int start) {
    byte[] array = out.array();
    System.arraycopy(array, start + 1, array, start, out.size() - start - 1);
    out.truncate(out.size() - 1);
  }

  /**
   * The polling and long-poll answer of section 4.4: {@code {"v":1,"reverse":{...}}}.
   *
   * @return the highest sequence number written, or {@code ack} when nothing was pending
   */
  public static long reverse(ResponseBuffer out, OutboundQueue queue, long ack) throws IOException {
    out.ascii("{\"v\":1,\"reverse\":");
    long written = ack;
    if (queue != null && queue.hasPendingAfter(ack)) {
      written = queue.writePending(ack, out.asOutputStream());
    } else {
      out.ascii("{}");
    }
    out.ascii("}");
    return written;
  }

  private void result(ResponseBuffer out, CallOutcome outcome) {
    int mark = out.size();
    try {
      JsonWriter w = new JsonWriter(out);
      w.beginObject();
      w.name("id").value(outcome.id());
      if (outcome.failed()) {
        w.name("error");
        writeError(w, outcome.error());
      } else if (!outcome.isVoid()) {
        w.name("value");
        if (outcome.value() == null) {
          // Written here: a converter may follow gson in skipping nulls, and null must reach the page.
          w.nullValue();
        } else {
          values.write(outcome.value(), outcome.valueType(), w);
        }
      }
      w.endObject();
    } catch (IOException | RuntimeException | StackOverflowError e) {
      out.truncate(mark);
      String incident = Incident.newId();
      INCIDENTS.log(incident, "the result of a call could not be written as JSON", e);
      ErrorInfo error =
          new ErrorInfo(
              ErrorCode.SERVER_ERROR.name(),
              "The call's result could not be sent (incident " + incident + ")",
              null,
              incident,
              debug ? Incident.detail(e) : null);
      try {
        JsonWriter w = new JsonWriter(out);
        w.beginObject().name("id").value(outcome.id()).name("error");
        writeError(w, error);
        w.endObject();
      } catch (IOException impossible) {
        throw new IllegalStateException("ResponseBuffer does not fail", impossible);
      }
    }
  }

  private static void writeError(JsonWriter w, ErrorInfo error) throws IOException {
    w.beginObject();
    w.name("code").value(error.code());
    w.name("message").value(error.message());
    if (error.type() != null) {
      w.name("type").value(error.type());
    }
    if (error.incident() != null) {
      w.name("incident").value(error.incident());
    }
    if (error.detail() != null) {
      w.name("detail").value(error.detail());
    }
    w.endObject();
  }
}

package io.duplex.internal.protocol;

import io.duplex.internal.reverse.OutboundQueue;
import java.io.IOException;

/** The lines of a streaming reverse response (protocol section 4.4), each ending in a newline. */
public final class StreamLines {
  public static final String CONTENT_TYPE = "application/x-ndjson";

  /** Why a stream ends: the {@code close} line's value. */
  public enum Close {
    /** maxHoldMillis passed: the page posts /reverse again at once. */
    HOLD,
    /** A newer /reverse of the session took over: the page must not reconnect from this one. */
    REPLACED,
    /** The script session ended. */
    ENDED;

    final String line = "{\"close\":\"" + name().toLowerCase(java.util.Locale.ROOT) + "\"}\n";
  }

  private StreamLines() {}

  public static void open(ResponseBuffer out) {
    out.ascii("{\"v\":1,\"open\":true}\n");
  }

  public static void heartbeat(ResponseBuffer out) {
    out.ascii("{\"hb\":1}\n");
  }

  public static void close(ResponseBuffer out, Close reason) {
    out.ascii(reason.line);
  }

  /**
   * A delivery line {@code {"reverse":{...}}} with the entries after {@code after}.
   *
   * @return the highest seq the line covers, the next {@code after} for this stream
   */
  public static long delivery(ResponseBuffer out, OutboundQueue queue, long after) throws IOException {
    out.ascii("{\"reverse\":");
    long covered = queue.writePending(after, out.asOutputStream());
    out.ascii("}\n");
    return covered;
  }

  /**
   * A delivery line for a page the connection carries for another tab (protocol section 4.4,
   * {@code pages}): {@code {"s":"<session>","reverse":{...}}}.
   *
   * @return the highest seq the line covers, the next {@code after} for that page
   */
  public static long delivery(ResponseBuffer out, String session, OutboundQueue queue, long after) throws IOException {
    out.ascii("{\"s\":").ascii(quoted(session)).ascii(",\"reverse\":");
    long covered = queue.writePending(after, out.asOutputStream());
    out.ascii("}\n");
    return covered;
  }

  /**
   * A line for a carried page: {@code {"s":"<session>",<members>}}, e.g. {@code "close":"ended"}
   * or a refusal's {@code "v":1,"error":{...}}.
   */
  public static void notice(ResponseBuffer out, String session, String members) {
    out.ascii("{\"s\":").ascii(quoted(session)).ascii(",");
    out.write(members);
    out.ascii("}\n");
  }

  /** A JSON string of {@code text}, escaped (a refused page's id is the client's, not ours), ASCII only. */
  public static String quoted(String text) {
    StringBuilder json = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    return json.append('"').toString();
  }
}

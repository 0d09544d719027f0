package io.duplex.servlet.internal.reverse;

import io.duplex.internal.protocol.ResponseBuffer;
import io.duplex.internal.protocol.ResponseWriter;
import io.duplex.internal.protocol.ReverseRequest;
import io.duplex.internal.reverse.ScriptSessionImpl;
import io.duplex.servlet.internal.HttpResponses;
import io.duplex.servlet.internal.security.SessionGuard;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code POST /reverse}: answers at once with whatever is queued after the page's ack. */
public final class ReverseHandler implements AutoCloseable {
  public void handle(
      ReverseRequest body, SessionGuard.Checked checked, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ScriptSessionImpl session = checked.scriptSession();
    session.touch();
    session.queue().acknowledge(body.ack());
    ResponseBuffer out = new ResponseBuffer();
    ResponseWriter.reverse(out, session.queue(), body.ack());
    HttpResponses.json(response, HttpServletResponse.SC_OK, out);
  }

  @Override
  public void close() {}
}

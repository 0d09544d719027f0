package io.duplex.servlet.internal;

import io.duplex.internal.protocol.ErrorInfo;
import io.duplex.internal.protocol.ProtocolException;
import io.duplex.internal.protocol.ResponseBuffer;
import io.duplex.internal.protocol.ResponseWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Sends protocol JSON bodies with the headers every Duplex response carries. */
public final class HttpResponses {
  public static final String JSON = "application/json;charset=utf-8";

  private HttpResponses() {}

  /** Headers for every response, set before anything else can commit it. */
  public static void common(HttpServletResponse response) {
    response.setHeader("X-Content-Type-Options", "nosniff");
  }

  public static void json(HttpServletResponse response, int status, ResponseBuffer body) throws IOException {
    response.setStatus(status);
    response.setContentType(JSON);
    // Responses carry session ids and tokens: never cached.
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(body.size());
    body.writeTo(response.getOutputStream());
  }

  public static void error(HttpServletResponse response, ProtocolException refusal) throws IOException {
    error(response, refusal.httpStatus(), ErrorInfo.of(refusal.code(), refusal.getMessage()));
  }

  public static void error(HttpServletResponse response, int status, ErrorInfo error) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    ResponseBuffer body = new ResponseBuffer(128);
    ResponseWriter.error(body, error);
    json(response, status, body);
  }

  public static void noContent(HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    response.setHeader("Cache-Control", "no-store");
  }
}

package io.duplex.samples;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import java.nio.ByteBuffer;

/**
 * Jetty's own error pages (a request it refuses before any handler runs: 400 bad request, 431
 * headers too large, ...) with {@link SecurityHeaders}, which no servlet filter can add, and
 * without stack traces.
 */
final class SecureErrorHandler extends ErrorHandler {
  SecureErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
    setShowOrigin(false);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    SecurityHeaders.applyTo(response.getHeaders()::put);
    return super.handle(request, response, callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    SecurityHeaders.applyTo(fields::put);
    return super.badMessageError(status, reason, fields);
  }
}

package io.duplex.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET {base}/ws} in websocket mode: upgrades a checked request to the page's WebSocket. An
 * interface without WebSocket types, so Endpoints loads without the WebSocket API in other modes.
 */
public interface SocketUpgrade {
  /** The ServletContext attribute where Jakarta WebSocket containers put their ServerContainer. */
  String SERVER_CONTAINER = "jakarta.websocket.server.ServerContainer";

  void upgrade(HttpServletRequest request, HttpServletResponse response) throws IOException;
}

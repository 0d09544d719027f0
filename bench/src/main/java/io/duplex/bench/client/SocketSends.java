package io.duplex.bench.client;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The text frames of one java.net.http.WebSocket, sent one after another. That socket allows one
 * send at a time: a sendText while the previous one's future is still pending fails its own future
 * with IllegalStateException ("Send pending"). The reply to a frame can be read before that frame's
 * send future completes (a loaded machine runs the completion late), so sending the next frame from
 * the reply handler would, now and then, drop it silently and stall the page. Each frame here waits
 * for the one before, and a failed send is reported instead of ignored.
 */
final class SocketSends {
  private final WebSocket socket;
  private final Consumer<Throwable> onError;
  private CompletableFuture<?> last = CompletableFuture.completedFuture(null);

  SocketSends(WebSocket socket, Consumer<Throwable> onError) {
    this.socket = socket;
    this.onError = onError;
  }

  synchronized void send(String text) {
    last = last.handle((ignored, error) -> null)
        .thenCompose(ignored -> socket.sendText(text, true))
        .whenComplete((ignored, error) -> {
          if (error != null) {
            onError.accept(error);
          }
        });
  }

  synchronized void close() {
    last = last.handle((ignored, error) -> null)
        .thenCompose(ignored -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
  }
}

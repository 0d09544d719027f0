package io.duplex;

/**
 * Reverse connections held open now on this node, per delivery mode; from {@link
 * Duplex#heldConnections()}. Each counts a connection (an HTTP response held open, or a
 * WebSocket), not a page.
 *
 * @param streaming comet streaming responses ({@code reverseAjax=comet}, {@code streaming=true})
 * @param longPoll comet long polls waiting for news ({@code streaming=false})
 * @param webSocket open page WebSockets ({@code reverseAjax=websocket})
 */
public record HeldConnectionCounts(int streaming, int longPoll, int webSocket) {
  /** {@return the connections of every mode together} */
  public int total() {
    return streaming + longPoll + webSocket;
  }
}

package io.duplex.internal.protocol;

/**
 * A frame a page sends on its WebSocket (protocol section 4.6): the body the same request would
 * carry over HTTP, with {@code op} naming which ({@code open}, {@code call}, {@code ack}) and, for
 * calls, {@code n}, the page's number for the frame that its answer carries back.
 *
 * @param op {@link #OPEN}, {@link #CALL}, {@link #ACK}, {@link #JOIN} or {@link #LEAVE}
 * @param n the frame's number (0 when absent)
 * @param request a {@link ReverseRequest}, {@link CallBatchRequest}, {@link AckRequest} (ack, join)
 *     or {@link UnloadRequest} (leave)
 */
public record SocketFrame(String op, long n, SessionRequest request) {
  public static final String OPEN = "open";
  public static final String CALL = "call";
  public static final String ACK = "ack";
  /** Another page (tab) of the browser joins the socket's deliveries from its {@code ack}. */
  public static final String JOIN = "join";
  /** A page the socket carries for another tab leaves it. */
  public static final String LEAVE = "leave";

  /**
   * The {@code n} of a frame that starts {@code {"n":<digits>}, as the engine writes them; 0
   * otherwise. For refusals decided before the frame is parsed (too large), so the page still
   * learns which calls failed.
   */
  public static long leadingNumber(CharSequence text) {
    String prefix = "{\"n\":";
    if (text.length() <= prefix.length() || !text.subSequence(0, prefix.length()).toString().equals(prefix)) {
      return 0;
    }
    long n = 0;
    for (int i = prefix.length(); i < text.length() && i < prefix.length() + 16; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return c == ',' || c == '}' ? n : 0;
      }
      n = n * 10 + (c - '0');
    }
    return 0;
  }
}

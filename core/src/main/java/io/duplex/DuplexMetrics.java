package io.duplex;

/**
 * Receives figures as they happen, for a monitoring system; register one with {@link
 * Duplex#addMetrics(DuplexMetrics)} ({@code duplex-micrometer}'s binder is one). Methods run on the
 * thread serving the call or writing the delivery and must be quick and must not throw. Figures that
 * are cheaper to read than to report are read instead: {@link Duplex#openPages()}, {@link
 * Duplex#heldConnections()}, {@link Duplex#queues()}, {@link Duplex#pushCounts()} and {@link
 * Duplex#refusals()}. Every method but {@link #callCompleted} has an empty default, so that a
 * listener implements what it records.
 */
public interface DuplexMetrics {
  /**
   * One forward call ended. Reported for calls that named an exposed service and method (calls to
   * unknown names are not, so that page-chosen names cannot grow the set of tags); includes calls
   * refused before running ({@code FORBIDDEN}, {@code UNAUTHENTICATED}, {@code BAD_ARGUMENTS}).
   *
   * @param service the service's exposed name
   * @param method the method's exposed name
   * @param errorCode null on success, else the error code the page receives (an {@code ErrorCode}
   *     name or a {@link ClientVisible#code()})
   * @param nanos from the start of dispatch until the outcome was known (for an asynchronous
   *     method, until its future completed)
   */
  void callCompleted(String service, String method, String errorCode, long nanos);

  /**
   * Reverse calls were written to a page for the first time (an entry written again after a
   * reconnect is not reported again): one report per write, whatever the transport (stream line,
   * long-poll or poll answer, piggyback on a call's response, WebSocket message), however many
   * entries it carries.
   *
   * @param nanos from when the oldest of those entries was queued until its bytes were written
   *     into the response or socket message (with a backplane, queued on this node: the time in
   *     the backplane is not included)
   */
  default void pushWritten(long nanos) {}
}

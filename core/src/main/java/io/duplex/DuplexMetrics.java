package io.duplex;

/**
 * Receives figures as they happen, for a monitoring system; register one with {@link
 * Duplex#addMetrics(DuplexMetrics)} ({@code duplex-micrometer}'s binder is one). Methods run on the
 * thread serving the call and must be quick and must not throw. Figures that are cheaper to read
 * than to report are read instead: {@link Duplex#openPages()} and {@link Duplex#refusals()}.
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
}

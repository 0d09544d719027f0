package io.duplex.internal;

import io.duplex.DuplexMetrics;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered {@link DuplexMetrics}, as a copy-on-write array: reporting reads one volatile
 * field, and with none registered the reporting code is skipped altogether. A listener that throws
 * is logged and does not affect the call.
 */
public final class MetricsListeners implements DuplexMetrics {
  private static final Logger log = LoggerFactory.getLogger(MetricsListeners.class);
  private static final DuplexMetrics[] NONE = {};

  private volatile DuplexMetrics[] listeners = NONE;

  public synchronized void add(DuplexMetrics listener) {
    DuplexMetrics[] more = Arrays.copyOf(listeners, listeners.length + 1);
    more[listeners.length] = listener;
    listeners = more;
  }

  public synchronized void remove(DuplexMetrics listener) {
    listeners = Arrays.stream(listeners).filter(l -> l != listener).toArray(DuplexMetrics[]::new);
  }

  public boolean isEmpty() {
    return listeners.length == 0;
  }

  @Override
  public void callCompleted(String service, String method, String errorCode, long nanos) {
    for (DuplexMetrics listener : listeners) {
      try {
        listener.callCompleted(service, method, errorCode, nanos);
      } catch (RuntimeException e) {
        log.warn("Metrics listener {} failed", listener, e);
      }
    }
  }

  @Override
  public void pushWritten(long nanos) {
    for (DuplexMetrics listener : listeners) {
      try {
        listener.pushWritten(nanos);
      } catch (RuntimeException e) {
        log.warn("Metrics listener {} failed", listener, e);
      }
    }
  }
}

package io.duplex.internal.reverse;

import io.duplex.ScriptSession;
import io.duplex.ScriptSessionListener;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Application listeners; one that throws is logged and does not keep the others from hearing. */
final class SessionListeners {
  private static final Logger LOG = LoggerFactory.getLogger(SessionListeners.class);

  private final CopyOnWriteArrayList<ScriptSessionListener> listeners = new CopyOnWriteArrayList<>();

  void add(ScriptSessionListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  void remove(ScriptSessionListener listener) {
    listeners.remove(listener);
  }

  void created(ScriptSession session) {
    fire(session, ScriptSessionListener::created, "created");
  }

  void destroyed(ScriptSession session) {
    fire(session, ScriptSessionListener::destroyed, "destroyed");
  }

  private void fire(ScriptSession session, BiConsumer<ScriptSessionListener, ScriptSession> event, String name) {
    for (ScriptSessionListener listener : listeners) {
      try {
        event.accept(listener, session);
      } catch (RuntimeException | LinkageError | AssertionError e) {
        LOG.error("Script session listener {} failed in {}({})", listener, name, session, e);
      }
    }
  }
}

package io.duplex;

/** Hears pages open and close. Called on the thread that caused the change; keep it quick. */
public interface ScriptSessionListener {
  /**
   * A page opened (its engine's handshake).
   *
   * @param session the new page
   */
  default void created(ScriptSession session) {}

  /**
   * A page closed, timed out or was invalidated; it can no longer be called.
   *
   * @param session the page, already invalid
   */
  default void destroyed(ScriptSession session) {}
}

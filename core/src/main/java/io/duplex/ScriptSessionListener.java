package io.duplex;

/** Hears pages open and close. Called on the thread that caused the change; keep it quick. */
public interface ScriptSessionListener {
  default void created(ScriptSession session) {}

  default void destroyed(ScriptSession session) {}
}

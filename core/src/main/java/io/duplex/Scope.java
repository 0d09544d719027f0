package io.duplex;

/** How long one instance of an exposed service lives. */
public enum Scope {
  /** One instance for the whole application (the default). */
  APPLICATION,
  /** One instance per HTTP session. */
  HTTP_SESSION,
  /** One instance per script session: one open browser page. */
  SCRIPT_SESSION,
  /** One instance per HTTP request, shared by the calls of its batch. */
  REQUEST
}

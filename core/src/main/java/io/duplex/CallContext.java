package io.duplex;

import io.duplex.internal.remote.CurrentCall;
import java.security.Principal;

/**
 * What an exposed method can know about the call it is serving. Declare a parameter of this type
 * (left out of the JavaScript signature) or use {@link #current()}.
 */
public interface CallContext {
  /** The call being served on this thread, or null outside a call. */
  static CallContext current() {
    return CurrentCall.get();
  }

  /** The calling page. */
  ScriptSession scriptSession();

  /** The calling page's normalised path. */
  default String page() {
    return scriptSession() == null ? null : scriptSession().page();
  }

  /** The authenticated user, or null. */
  Principal user();

  boolean isUserInRole(String role);

  /**
   * The container's object of this type for this call, e.g. {@code HttpServletRequest},
   * {@code HttpServletResponse} or {@code HttpSession}, or the calling {@link ScriptSession}; null if
   * there is none. Exposed methods may also declare parameters of these types (and {@code
   * CallContext}): they are injected, not sent by the page.
   *
   * @param type the wanted type
   * @param <T> the wanted type
   * @return the object, or null
   */
  <T> T unwrap(Class<T> type);
}

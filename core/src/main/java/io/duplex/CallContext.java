package io.duplex;

import io.duplex.internal.remote.CurrentCall;
import java.security.Principal;

/**
 * What an exposed method can know about the call it is serving. Declare a parameter of this type
 * (left out of the JavaScript signature) or use {@link #current()}.
 */
public interface CallContext {
  /** {@return the call being served on this thread, or null outside a call} */
  static CallContext current() {
    return CurrentCall.get();
  }

  /** {@return the calling page} */
  ScriptSession scriptSession();

  /** {@return the calling page's normalised path} */
  default String page() {
    return scriptSession() == null ? null : scriptSession().page();
  }

  /** {@return the authenticated user, or null} */
  Principal user();

  /**
   * Whether the authenticated user has {@code role}, as the container's {@code isUserInRole}.
   *
   * @param role a role name
   * @return false also when there is no authenticated user
   */
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

package io.duplex.internal.remote;

import io.duplex.CallContext;
import io.duplex.ScriptSession;
import java.util.Set;

/**
 * Parameter types filled by the server instead of the browser: the call's context, the calling page
 * ({@code ScriptSession}) and the container's request objects. Core has no servlet dependency, so
 * the container types are recognised by name; the transport supplies their values through
 * {@link InvocationContext#unwrap}.
 */
final class InjectedTypes {
  private static final Set<String> CONTAINER_TYPES =
      Set.of(
          "jakarta.servlet.http.HttpServletRequest",
          "jakarta.servlet.http.HttpServletResponse",
          "jakarta.servlet.http.HttpSession",
          "jakarta.servlet.ServletRequest",
          "jakarta.servlet.ServletResponse");

  private InjectedTypes() {}

  static boolean isInjected(Class<?> type) {
    return type == CallContext.class || type == ScriptSession.class || CONTAINER_TYPES.contains(type.getName());
  }
}

package io.duplex.internal.remote;

import io.duplex.CallContext;
import io.duplex.ScriptSession;
import java.security.Principal;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The transport's description of one incoming request, shared by every call in its batch. The
 * servlet builds it from the HTTP request; tests and benchmarks build it directly.
 */
public final class InvocationContext implements CallContext {
  private final ScriptSession scriptSession;
  private final Principal user;
  private final Predicate<String> roleCheck;
  private final AttributeStore httpSessionAttributes;
  private final AttributeStore requestAttributes;
  private final Map<Class<?>, Object> injectables;

  /**
   * @param scriptSession the calling page (may be null only in unit tests of forward calls)
   * @param user the authenticated user or null
   * @param roleCheck answers isUserInRole
   * @param httpSessionAttributes where HTTP_SESSION-scoped instances live (null: none)
   * @param requestAttributes where REQUEST-scoped instances live for this request, shared by the calls
   *     of its batch (null: a new instance per call)
   * @param injectables objects injected into parameters of these types or their supertypes (e.g.
   *     HttpServletRequest, which also serves ServletRequest); {@link CallContext} itself is always
   *     injectable
   */
  public InvocationContext(
      ScriptSession scriptSession,
      Principal user,
      Predicate<String> roleCheck,
      AttributeStore httpSessionAttributes,
      AttributeStore requestAttributes,
      Map<Class<?>, Object> injectables) {
    this.scriptSession = scriptSession;
    this.user = user;
    this.roleCheck = roleCheck;
    this.httpSessionAttributes = httpSessionAttributes;
    this.requestAttributes = requestAttributes;
    this.injectables = injectables == null ? Map.of() : Map.copyOf(injectables);
  }

  @Override
  public ScriptSession scriptSession() {
    return scriptSession;
  }

  @Override
  public Principal user() {
    return user;
  }

  @Override
  public boolean isUserInRole(String role) {
    return user != null && roleCheck.test(role);
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type == CallContext.class || type == InvocationContext.class) {
      return type.cast(this);
    }
    if (type == ScriptSession.class) {
      return type.cast(scriptSession);
    }
    Object value = injectables.get(type);
    if (value == null) {
      // A supertype such as ServletRequest is served by the HttpServletRequest the transport gave.
      for (Object candidate : injectables.values()) {
        if (type.isInstance(candidate)) {
          return type.cast(candidate);
        }
      }
      return null;
    }
    return type.cast(value);
  }

  public AttributeStore httpSessionAttributes() {
    return httpSessionAttributes;
  }

  public AttributeStore requestAttributes() {
    return requestAttributes;
  }

  public Map<Class<?>, Object> injectables() {
    return injectables;
  }
}

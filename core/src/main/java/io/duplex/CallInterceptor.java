package io.duplex;

import java.lang.reflect.Method;
import java.util.List;

/**
 * Runs around every exposed method call, after the method was chosen, the caller's roles checked
 * and the arguments converted, and before the method itself runs. Register one with {@link
 * Duplex.Builder#intercept(CallInterceptor)}; several run in registration order, the first
 * outermost. Use it for authorisation, logging, auditing or timing:
 *
 * <pre>{@code
 * Duplex.builder().intercept(chain -> {
 *   if (chain.context().user() == null) throw new NotSignedIn(); // a @ClientVisible exception
 *   return chain.proceed();
 * })
 * }</pre>
 *
 * <p>What {@code intercept} throws fails the call exactly as if the method had thrown it: a
 * {@link ClientVisible} (or registered) exception reaches the page with its code and message,
 * anything else becomes {@code SERVER_ERROR} with a logged incident. What it returns is the call's
 * result, so it must be what {@link Chain#proceed()} returned or a value of the method's return
 * type. For a method returning a {@code CompletionStage}, {@code proceed()} returns that stage as
 * soon as the method returns (not when it completes): attach to it (e.g. {@code whenComplete}) to
 * see the eventual value or failure. Interceptors run on the thread serving the call, with {@link
 * CallContext#current()} set.
 */
@FunctionalInterface
public interface CallInterceptor {
  /**
   * Handles one call.
   *
   * @param chain the call, and the rest of the chain
   * @return the call's result: usually {@code chain.proceed()}
   * @throws Exception to fail the call
   */
  Object intercept(Chain chain) throws Exception;

  /** One call on its way through the interceptors to the exposed method. */
  interface Chain {
    /**
     * @return the service's exposed name, e.g. {@code "Chat"}
     */
    String service();

    /**
     * @return the method's exposed name, e.g. {@code "send"}
     */
    String method();

    /**
     * @return the Java method that will run
     */
    Method javaMethod();

    /**
     * @return the converted arguments, in the Java method's parameter order (injected ones such as
     *     {@link CallContext} included); unmodifiable
     */
    List<Object> arguments();

    /**
     * @return the call's context: page, user, roles, container objects
     */
    CallContext context();

    /**
     * Runs the next interceptor, or the method when none is left. Call it at most once.
     *
     * @return what the method returned (a {@code CompletionStage} for an asynchronous method)
     * @throws Exception what the method or a later interceptor threw
     */
    Object proceed() throws Exception;
  }
}

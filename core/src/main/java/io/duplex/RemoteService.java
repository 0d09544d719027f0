package io.duplex;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose {@link RemoteMethod}-annotated public methods browser scripts may call.
 * Nothing else on the class is callable.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RemoteService {
  /**
   * The JavaScript name of the service; defaults to the class's simple name. The page's stub
   * defines it as a global, so it must be a JavaScript identifier that is not already a global the
   * page uses ({@code duplex}, {@code JSON}, {@code window}, {@code Object}...): such names fail at
   * startup (protocol section 5).
   *
   * @return the name, or "" for the simple class name
   */
  String name() default "";

  /** {@return how long one instance lives; see {@link Scope}} */
  Scope scope() default Scope.APPLICATION;
}

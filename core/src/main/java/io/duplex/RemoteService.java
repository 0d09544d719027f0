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
  /** {@return the JavaScript name of the service; defaults to the class's simple name} */
  String name() default "";

  /** {@return how long one instance lives; see {@link Scope}} */
  Scope scope() default Scope.APPLICATION;
}

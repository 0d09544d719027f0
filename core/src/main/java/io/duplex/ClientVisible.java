package io.duplex;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an exception class whose message the browser may see. The browser gets
 * {@code {code, message, type}} where type is the class's simple name. Any other exception reaches
 * the browser only as {@code SERVER_ERROR} with an incident id (unless debug mode is on).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ClientVisible {
  /** {@return the stable error code the browser sees; defaults to {@code APPLICATION_ERROR}} */
  String code() default "APPLICATION_ERROR";
}

package io.duplex;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Exposes one public method of a {@link RemoteService} to browser scripts. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RemoteMethod {
  /**
   * Roles of which the caller needs at least one (checked with {@code isUserInRole}). Empty means
   * anyone may call. A caller with no user gets {@code UNAUTHENTICATED}, a user lacking every role
   * gets {@code FORBIDDEN}.
   *
   * @return the roles allowed to call the method
   */
  String[] roles() default {};
}

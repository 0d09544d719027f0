package io.duplex;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps a property out of conversion in both directions: the browser never sees it and can never
 * set it. Put it on a field, a record component, or a bean's public getter or setter. Private
 * fields without a public getter are never sent anyway; use this for public state that must stay
 * on the server.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD})
public @interface NotRemote {}

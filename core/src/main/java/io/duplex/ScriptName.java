package io.duplex;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Renames the JavaScript side of a typed browser proxy. On the interface it names the global object
 * whose functions are called (dotted, e.g. {@code "app.chat"}); on a method it names the function.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ScriptName {
  /** {@return the JavaScript name: a global object on an interface, a function on a method} */
  String value();
}

package io.duplex;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One Duplex setting, declared once in {@link Settings}: its name (the builder method, the servlet
 * init-param and the Spring property {@code duplex.<name>}), its default, how its text form is read,
 * what values it accepts, and its one-line meaning (the README configuration table is checked
 * against these declarations).
 *
 * @param <T> the value's type
 */
public final class Setting<T> {
  private final String name;
  private final T defaultValue;
  private final String form;
  private final String meaning;
  private final Function<String, T> parser;
  private final UnaryOperator<T> check;

  Setting(String name, T defaultValue, String form, String meaning, Function<String, T> parser, UnaryOperator<T> check) {
    this.name = name;
    this.defaultValue = defaultValue;
    this.form = form;
    this.meaning = meaning;
    this.parser = parser;
    this.check = check;
  }

  /** @return the name used by the builder, init-params and properties */
  public String name() {
    return name;
  }

  /** @return the value used when the setting is not given */
  public T defaultValue() {
    return defaultValue;
  }

  /** @return the expected text form, e.g. "a whole number of milliseconds" */
  public String form() {
    return form;
  }

  /** @return the setting's meaning in one line, as in README's configuration table */
  public String meaning() {
    return meaning;
  }

  /**
   * Reads the setting's text form, as init-params and properties give it.
   *
   * @param text the value as written
   * @return the checked value
   * @throws IllegalArgumentException naming the setting, the value and the expected form
   */
  public T parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    T value;
    try {
      value = parser.apply(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Duplex setting '" + name + "' needs " + form + ", got '" + trimmed + "'", e);
    }
    return check(value);
  }

  /**
   * Checks a value given in code.
   *
   * @param value the value
   * @return the value, possibly normalised
   * @throws IllegalArgumentException naming the setting and what it accepts
   */
  public T check(T value) {
    Objects.requireNonNull(value, name);
    return check.apply(value);
  }

  /** @return the default as README's table shows it (empty when there is none) */
  public String defaultText() {
    if (defaultValue instanceof java.util.Collection<?> c) {
      return String.join(",", c.stream().map(String::valueOf).toList());
    }
    if (defaultValue instanceof ReverseAjax mode) {
      return mode.wireName();
    }
    return String.valueOf(defaultValue);
  }

  @Override
  public String toString() {
    return name;
  }
}

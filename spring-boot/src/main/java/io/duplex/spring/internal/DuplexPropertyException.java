package io.duplex.spring.internal;

/**
 * A {@code duplex.*} property the starter cannot use: an unknown name or a bad value. Startup stops
 * with the property's name and the fix.
 */
public class DuplexPropertyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String property;
  private final String action;

  /**
   * @param property the property's full name, e.g. {@code duplex.foo}
   * @param message what is wrong
   * @param action how to fix it
   */
  public DuplexPropertyException(String property, String message, String action) {
    super(message);
    this.property = property;
    this.action = action;
  }

  /** @return the property's full name, e.g. {@code duplex.foo} */
  public String property() {
    return property;
  }

  /** @return how to fix it */
  public String action() {
    return action;
  }
}

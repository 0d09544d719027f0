package io.duplex;

/**
 * A push could not be published: the backplane has been unreachable long enough that this node
 * already keeps {@code backplaneBufferedPushes} unpublished pushes. Nothing of this push was
 * delivered anywhere; the pushes kept before it will be published when the backplane is back.
 */
public class BackplaneUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what happened and what to do */
  public BackplaneUnavailableException(String message) {
    super(message);
  }
}

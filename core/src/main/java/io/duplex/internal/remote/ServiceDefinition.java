package io.duplex.internal.remote;

/** SEAM STUB — replaced by the remote implementation. */
public final class ServiceDefinition {
  /** The interface stub script of protocol section 5 for a servlet mapped at {@code base}. */
  public String interfaceScript(String base) {
    throw new UnsupportedOperationException("stub");
  }
}

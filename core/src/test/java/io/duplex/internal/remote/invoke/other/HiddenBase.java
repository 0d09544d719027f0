package io.duplex.internal.remote.invoke.other;

/** Package-private: its public methods reach other packages only through {@link OpenSubclass}. */
class HiddenBase {
  public String where() {
    return "base";
  }
}

package io.duplex;

/** Every open page; the starting point for finding pages to call. See {@link Duplex#browser()}. */
public interface Browser extends Targets {
  /** Inside a call: the pages on the same page as the calling one (the caller included). */
  Targets currentPage();

  /** Inside a call: the calling page alone. */
  Targets current();
}

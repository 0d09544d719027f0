package io.duplex;

/** Every open page; the starting point for finding pages to call. See {@link Duplex#browser()}. */
public interface Browser extends Targets {
  /** {@return inside a call, the pages on the calling one's page (the caller included)} */
  Targets currentPage();

  /** {@return inside a call, the calling page alone} */
  Targets current();
}

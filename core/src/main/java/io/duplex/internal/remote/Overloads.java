package io.duplex.internal.remote;

import java.util.Arrays;

/**
 * The overloads of one method name that take the same number of JavaScript arguments. Startup
 * validation guarantees that at most one of them accepts any given JSON arguments by kind.
 */
final class Overloads {
  /** Most specific first, then by signature, so failures are reported deterministically. */
  final ExposedMethod[] candidates;
  /** Every candidate needs the same roles, so they can be checked before picking one. */
  final boolean rolesShared;

  Overloads(ExposedMethod[] candidates) {
    this.candidates = candidates;
    boolean shared = true;
    for (ExposedMethod candidate : candidates) {
      shared &= Arrays.equals(candidate.roles, candidates[0].roles);
    }
    this.rolesShared = shared;
  }

  boolean single() {
    return candidates.length == 1;
  }
}

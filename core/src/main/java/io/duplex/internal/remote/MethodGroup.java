package io.duplex.internal.remote;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Every exposed overload of one method name, indexed by JavaScript arity. */
final class MethodGroup {
  final String name;
  private final Overloads[] byArity;
  /** The JavaScript parameter names of the longest overload. */
  final List<String> jsNames;
  private final String arities;
  /**
   * For a method with overloads of several arities, what the stub tells the engine so it can tell a
   * DWR-style callback from an argument (protocol section 5); null otherwise.
   */
  final Map<String, List<Integer>> overloadShape;

  private MethodGroup(
      String name, Overloads[] byArity, List<String> jsNames, String arities, Map<String, List<Integer>> shape) {
    this.name = name;
    this.byArity = byArity;
    this.jsNames = jsNames;
    this.arities = arities;
    this.overloadShape = shape;
  }

  /**
   * @throws IllegalStateException when two overloads of equal arity could both accept the same JSON
   */
  static MethodGroup of(String serviceName, String name, List<ExposedMethod> methods) {
    List<ExposedMethod> ordered = new ArrayList<>(methods);
    ordered.sort(
        Comparator.comparingInt(ExposedMethod::jsArity)
            .thenComparingInt(MethodGroup::breadth)
            .thenComparing(ExposedMethod::signature));
    int maxArity = ordered.get(ordered.size() - 1).jsArity();
    Overloads[] byArity = new Overloads[maxArity + 1];
    TreeSet<Integer> arities = new TreeSet<>();
    List<Integer> functionLast = new ArrayList<>();
    for (int arity = 0; arity <= maxArity; arity++) {
      int n = arity;
      ExposedMethod[] same = ordered.stream().filter(m -> m.jsArity() == n).toArray(ExposedMethod[]::new);
      if (same.length > 0) {
        refuseAmbiguity(serviceName, same);
        byArity[arity] = new Overloads(same);
        arities.add(arity);
        if (Arrays.stream(same).anyMatch(ExposedMethod::takesFunctionLast)) {
          functionLast.add(arity);
        }
      }
    }
    ExposedMethod longest = byArity[maxArity].candidates[0];
    String arityText = arities.stream().map(String::valueOf).collect(Collectors.joining(" or "));
    Map<String, List<Integer>> shape =
        arities.size() < 2 ? null : Map.of("arities", List.copyOf(arities), "functionLast", List.copyOf(functionLast));
    return new MethodGroup(name, byArity, longest.jsNames(), arityText, shape);
  }

  /** Every role any overload of this name names. */
  Set<String> roles() {
    Set<String> roles = new HashSet<>();
    for (Overloads overloads : byArity) {
      if (overloads != null) {
        for (ExposedMethod method : overloads.candidates) {
          roles.addAll(List.of(method.roles));
        }
      }
    }
    return roles;
  }

  /** How many JSON kinds a method accepts over all its parameters: fewer is more specific. */
  private static int breadth(ExposedMethod method) {
    int total = 0;
    for (int kinds : method.jsKinds()) {
      total += Integer.bitCount(kinds);
    }
    return total;
  }

  private static void refuseAmbiguity(String serviceName, ExposedMethod[] same) {
    for (int i = 0; i < same.length; i++) {
      for (int j = i + 1; j < same.length; j++) {
        int[] a = same[i].jsKinds();
        int[] b = same[j].jsKinds();
        boolean onlyNull = true;
        boolean overlapEverywhere = true;
        for (int k = 0; k < a.length && overlapEverywhere; k++) {
          int common = a[k] & b[k];
          overlapEverywhere = common != 0;
          onlyNull &= common == JsonKind.NULL.bit();
        }
        if (overlapEverywhere) {
          throw new IllegalStateException(
              "Service \"" + serviceName + "\" has ambiguous overloads " + same[i].signature() + " and "
                  + same[j].signature() + ": the same JSON arguments could match both"
                  + (a.length > 0 && onlyNull ? " (null fits any reference type)" : "")
                  + "; rename one or make a parameter type differ in JSON kind (number, string, boolean, array, object)");
        }
      }
    }
  }

  /** The overloads taking {@code arity} JavaScript arguments, or null. */
  Overloads withArity(int arity) {
    return arity < byArity.length ? byArity[arity] : null;
  }

  /** E.g. "1 or 3", for UNKNOWN_METHOD messages. */
  String arities() {
    return arities;
  }
}

package io.duplex.internal.remote;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The typed view of an exposed service that the TypeScript typings are written from: the same
 * overloads, JavaScript parameters (injected ones left out) and result shapes the call dispatcher
 * and the interface stub use, so the typings cannot disagree with what the server accepts.
 */
public final class ServiceSignatures {
  /**
   * One callable overload as the browser sees it.
   *
   * @param method the method name
   * @param names the JavaScript parameter names
   * @param types their declared (generic) Java types
   * @param result the type the value is written as, or null when the call yields no value
   * @param takesFunctionLast whether the last parameter takes a page function
   */
  public record Overload(String method, List<String> names, List<Type> types, Type result, boolean takesFunctionLast) {}

  private ServiceSignatures() {}

  /** Every exposed overload, by method name (sorted), then JavaScript arity, then specificity. */
  public static List<Overload> of(ServiceDefinition service) {
    List<Overload> result = new ArrayList<>();
    for (String name : service.jsSignature().keySet()) {
      MethodGroup group = service.method(name);
      for (int arity = 0; ; arity++) {
        Overloads same = group.withArity(arity);
        if (same == null && arity >= group.jsNames.size()) {
          break;
        }
        if (same == null) {
          continue;
        }
        for (ExposedMethod method : same.candidates) {
          result.add(
              new Overload(
                  name, method.jsNames(), method.jsTypes(), resultType(method.result), method.takesFunctionLast()));
        }
      }
    }
    return result;
  }

  private static Type resultType(ResultShape shape) {
    return switch (shape.kind) {
      case VOID -> null;
      case FUTURE -> shape.futureOfVoid ? null : shape.valueType;
      case VALUE -> shape.valueType;
    };
  }
}

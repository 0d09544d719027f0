package io.duplex.internal.remote;

import com.google.gson.JsonArray;
import io.duplex.JsFunction;
import io.duplex.internal.remote.invoke.MethodInvoker;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** One callable overload: how to bind its arguments, who may call it, and its invoker. */
final class ExposedMethod {
  final String serviceName;
  final Method method;
  /** {@code Service.method}, for messages and logs. */
  final String label;
  private final ParameterBinding[] parameters;
  private final ParameterBinding[] jsParameters;
  /** Roles of which the caller needs one; empty means anyone. */
  final String[] roles;
  final MethodInvoker invoker;
  final ResultShape result;

  ExposedMethod(
      String serviceName,
      Method method,
      ParameterBinding[] parameters,
      String[] roles,
      MethodInvoker invoker,
      ResultShape result) {
    this.serviceName = serviceName;
    this.method = method;
    this.label = serviceName + "." + method.getName();
    this.parameters = parameters;
    this.jsParameters = Arrays.stream(parameters).filter(p -> !p.isInjected()).toArray(ParameterBinding[]::new);
    this.roles = roles;
    this.invoker = invoker;
    this.result = result;
  }

  int jsArity() {
    return jsParameters.length;
  }

  List<String> jsNames() {
    List<String> names = new ArrayList<>(jsParameters.length);
    for (ParameterBinding p : jsParameters) {
      names.add(p.name);
    }
    return List.copyOf(names);
  }

  /** Whether the last JavaScript parameter can take a page function (a {@code JsFunction} handle). */
  boolean takesFunctionLast() {
    return jsParameters.length > 0 && jsParameters[jsParameters.length - 1].type.isAssignableFrom(JsFunction.class);
  }

  /** The JSON kinds accepted at each JavaScript position. */
  int[] jsKinds() {
    return Arrays.stream(jsParameters).mapToInt(p -> p.kinds).toArray();
  }

  /** Null when each argument's JSON kind fits its parameter, else the first misfit. */
  String kindMismatch(JsonArray args) {
    for (ParameterBinding p : jsParameters) {
      String mismatch = p.kindMismatch(args.get(p.jsIndex));
      if (mismatch != null) {
        return mismatch;
      }
    }
    return null;
  }

  /** The Java arguments for a call with {@code args} (whose size is {@link #jsArity()}). */
  Object[] bind(JsonArray args, InvocationContext context) throws BadArgumentException {
    Object[] values = new Object[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      ParameterBinding p = parameters[i];
      values[i] = p.value(p.jsIndex < 0 ? null : args.get(p.jsIndex), context);
    }
    return values;
  }

  boolean needsRole() {
    return roles.length > 0;
  }

  /** E.g. {@code find(String, int)}, for startup errors. */
  String signature() {
    return method.getName()
        + Arrays.stream(method.getParameterTypes())
            .map(Class::getSimpleName)
            .collect(Collectors.joining(", ", "(", ")"));
  }
}

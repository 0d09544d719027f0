package io.duplex.internal.reverse;

import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The page functions a proxied interface calls, as the typed proxy itself resolves them (the same
 * checks, {@code @ScriptName} prefixes and names), for writing TypeScript typings of a page.
 */
public final class PageFunctions {
  /**
   * One page function call.
   *
   * @param function the dotted JavaScript function name, e.g. {@code chat.addMessage}
   * @param prefix the interface's {@code @ScriptName} prefix ("" without one)
   * @param names the parameter names ({@code arg0}... unless compiled with {@code -parameters})
   * @param types the parameter types, resolved against the interface
   * @param result the Java return type's generic form
   */
  public record PageFunction(String function, String prefix, List<String> names, List<Type> types, Type result) {}

  private PageFunctions() {}

  /**
   * @param type an interface usable with {@code proxy(type)}
   * @return its functions in the proxy's order
   * @throws IllegalArgumentException when {@code type} cannot be proxied, with the proxy's reason
   */
  public static List<PageFunction> of(Class<?> type) {
    ProxyType proxy = ProxyType.of(type);
    String prefix = ProxyType.prefix(type);
    List<PageFunction> result = new ArrayList<>();
    for (int i = 0; i < proxy.methodCount(); i++) {
      ProxyMethod method = proxy.method(i);
      List<String> names = Arrays.stream(method.method().getParameters()).map(Parameter::getName).toList();
      result.add(
          new PageFunction(
              method.function(),
              prefix,
              names,
              List.of(method.parameterTypes()),
              method.method().getGenericReturnType()));
    }
    return result;
  }
}

package io.duplex.internal.remote;

import static io.duplex.internal.remote.Calls.error;
import static io.duplex.internal.remote.Calls.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.Duplex;
import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import io.duplex.internal.protocol.CallOutcome;
import io.duplex.internal.remote.invoke.InvokerFactory;
import io.duplex.internal.remote.invoke.MethodInvoker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Services get generated invokers; classes no invoker can be defined next to (here: JDK classes)
 * get the reflective one, and callers cannot tell the difference.
 */
class InvokerSelectionTest {

  /** An application class with the same methods as the JDK list exposed beside it. */
  @RemoteService(name = "Mine")
  public static class MyList {
    private final List<Object> items = new ArrayList<>();

    @RemoteMethod public boolean add(Object item) { return items.add(item); }

    @RemoteMethod public Object get(int index) { return items.get(index); }

    @RemoteMethod public int size() { return items.size(); }

    @RemoteMethod public void clear() { items.clear(); }
  }

  private final Calls calls =
      Calls.of(
          Duplex.builder()
              .expose(MyList.class)
              .expose("Jdk", ArrayList.class, ArrayList::new)
              .methods("add", "get", "size", "clear")
              .and());

  private MethodInvoker invoker(String service, String method, int arity) {
    return calls.registry().service(service).orElseThrow().method(method).withArity(arity).candidates[0].invoker;
  }

  @Test
  void applicationServiceUsesGeneratedInvokers() {
    for (String method : List.of("add", "get")) {
      assertTrue(InvokerFactory.isGenerated(invoker("Mine", method, 1)), method);
    }
    assertTrue(InvokerFactory.isGenerated(invoker("Mine", "size", 0)));
  }

  @Test
  void jdkClassUsesTheReflectiveInvoker() {
    assertFalse(InvokerFactory.isGenerated(invoker("Jdk", "add", 1)));
    assertFalse(InvokerFactory.isGenerated(invoker("Jdk", "size", 0)));
  }

  @Test
  void bothInvokersGiveTheSameOutcomes() {
    for (String service : List.of("Mine", "Jdk")) {
      assertEquals(true, value(calls.call(service, "add", "[\"a\"]")), service);
      assertEquals("a", value(calls.call(service, "get", "[0]")), service);
      assertEquals(1, value(calls.call(service, "size", "[]")), service);
      CallOutcome cleared = calls.call(service, "clear", "[]");
      Calls.assertEmpty(cleared);
      String message = error(calls.call(service, "get", "[3]"), "SERVER_ERROR");
      assertTrue(message.startsWith("Internal error (incident "), message);
    }
  }
}

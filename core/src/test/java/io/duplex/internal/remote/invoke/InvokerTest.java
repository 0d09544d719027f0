package io.duplex.internal.remote.invoke;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The generated invoker and the reflective fallback behave the same; the right one is chosen. */
class InvokerTest {

  public interface Greeter {
    default String greet(String name) {
      return "hello " + name;
    }
  }

  public static class Subject implements Greeter {
    public String last;

    public int add(int a, int b) { return a + b; }

    public long widen(long value, short s, byte b) { return value + s + b; }

    public double mix(double d, float f, boolean flag, char c) { return flag ? d + f + c : -1; }

    public Integer boxed(Integer value) { return value == null ? null : value + 1; }

    public void remember(String value) { last = value; }

    public int total(int[] values) {
      int sum = 0;
      for (int v : values) {
        sum += v;
      }
      return sum;
    }

    public String[] pair(String[] values, List<String> more) {
      return new String[] {values[0], more.get(0)};
    }

    public String fail(boolean checked) throws IOException {
      if (checked) {
        throw new IOException("disk gone");
      }
      throw new IllegalArgumentException("bad");
    }
  }

  /** Package-private: the generated class lands in this package, so it can still call it. */
  static class Hidden {
    public int answer() { return 42; }
  }

  interface Factory {
    MethodInvoker make(Class<?> owner, Method method) throws Exception;
  }

  static Stream<Arguments> kinds() {
    return Stream.of(
        Arguments.of("generated", (Factory) InvokerFactory::generated),
        Arguments.of("reflective", (Factory) (owner, method) -> InvokerFactory.reflective(method)));
  }

  private static MethodInvoker invoker(Factory factory, String name) throws Exception {
    for (Method method : Subject.class.getMethods()) {
      if (method.getName().equals(name)) {
        return factory.make(Subject.class, method);
      }
    }
    throw new AssertionError(name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void primitivesAreUnboxedAndResultsBoxed(String kind, Factory factory) throws Throwable {
    Subject subject = new Subject();
    assertEquals(5, invoker(factory, "add").invoke(subject, new Object[] {2, 3}));
    assertEquals(13L, invoker(factory, "widen").invoke(subject, new Object[] {10L, (short) 2, (byte) 1}));
    assertEquals(100.5 + 'a', invoker(factory, "mix").invoke(subject, new Object[] {100.0, 0.5f, true, 'a'}));
    assertEquals(8, invoker(factory, "boxed").invoke(subject, new Object[] {7}));
    assertNull(invoker(factory, "boxed").invoke(subject, new Object[] {null}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void voidReturnsNull(String kind, Factory factory) throws Throwable {
    Subject subject = new Subject();
    assertNull(invoker(factory, "remember").invoke(subject, new Object[] {"kept"}));
    assertEquals("kept", subject.last);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void arraysAndGenericsPassThrough(String kind, Factory factory) throws Throwable {
    Subject subject = new Subject();
    assertEquals(6, invoker(factory, "total").invoke(subject, new Object[] {new int[] {1, 2, 3}}));
    assertArrayEquals(
        new String[] {"a", "b"},
        (String[]) invoker(factory, "pair").invoke(subject, new Object[] {new String[] {"a"}, List.of("b")}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void exceptionsComeOutUnwrapped(String kind, Factory factory) throws Exception {
    MethodInvoker fail = invoker(factory, "fail");
    IOException checked = assertThrows(IOException.class, () -> fail.invoke(new Subject(), new Object[] {true}));
    assertEquals("disk gone", checked.getMessage());
    assertThrows(IllegalArgumentException.class, () -> fail.invoke(new Subject(), new Object[] {false}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void defaultInterfaceMethodsAreCalled(String kind, Factory factory) throws Throwable {
    assertEquals("hello ann", invoker(factory, "greet").invoke(new Subject(), new Object[] {"ann"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void nonPublicClassesInTheSamePackageAreCalled(String kind, Factory factory) throws Throwable {
    Method answer = Hidden.class.getMethod("answer");
    assertEquals(42, factory.make(Hidden.class, answer).invoke(new Hidden(), new Object[0]));
  }

  /** Inherits where() from a package-private class of another package. */
  public static class FarSubclass extends io.duplex.internal.remote.invoke.other.OpenSubclass {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void methodsInheritedFromAPackagePrivateClassElsewhereAreCalled(String kind, Factory factory) throws Throwable {
    Method where = FarSubclass.class.getMethod("where");
    assertEquals("base", factory.make(FarSubclass.class, where).invoke(new FarSubclass(), new Object[0]));
  }

  @Test
  void applicationClassesGetAGeneratedInvokerNamedAfterThem() throws Exception {
    MethodInvoker invoker = InvokerFactory.forMethod(Subject.class, Subject.class.getMethod("add", int.class, int.class));
    assertTrue(InvokerFactory.isGenerated(invoker));
    assertTrue(invoker.getClass().getName().startsWith(Subject.class.getName() + "$$DuplexInvoker$"), invoker.getClass().getName());
    assertSame(Subject.class.getClassLoader(), invoker.getClass().getClassLoader());
    assertSame(invoker, InvokerFactory.forMethod(Subject.class, Subject.class.getMethod("add", int.class, int.class)), "cached");
  }

  @Test
  void platformClassesFallBackToTheReflectiveInvoker() throws Throwable {
    Method addAndGet = AtomicInteger.class.getMethod("addAndGet", int.class);
    MethodInvoker invoker = InvokerFactory.forMethod(AtomicInteger.class, addAndGet);
    assertInstanceOf(ReflectiveInvoker.class, invoker);
    assertFalse(InvokerFactory.isGenerated(invoker));
    assertEquals(7, invoker.invoke(new AtomicInteger(5), new Object[] {2}));
    Exception refused = assertThrows(IllegalArgumentException.class, () -> InvokerFactory.generated(AtomicInteger.class, addAndGet));
    assertTrue(refused.getMessage().contains("platform class"), refused.getMessage());
  }
}

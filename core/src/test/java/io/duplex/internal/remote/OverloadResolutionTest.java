package io.duplex.internal.remote;

import static io.duplex.internal.remote.Calls.error;
import static io.duplex.internal.remote.Calls.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A call reaches the one overload whose arity and argument kinds fit (protocol section 3.1). */
class OverloadResolutionTest {

  public record Point(int x, int y) {}

  @RemoteService(name = "Find")
  public static class Finder {
    @RemoteMethod public String get(int id) { return "id " + id; }

    @RemoteMethod public String get(String name) { return "name " + name; }

    @RemoteMethod public String get(boolean flag) { return "flag " + flag; }

    @RemoteMethod public String size(List<String> names) { return "names " + names; }

    @RemoteMethod public String size(int count) { return "count " + count; }

    @RemoteMethod public String get(String name, int limit) { return name + " limit " + limit; }

    @RemoteMethod public String at(Point point) { return point.x() + "," + point.y(); }

    @RemoteMethod public int twice(int count) { return count * 2; }

    @RemoteMethod public String pick(int first, boolean second) { return first + "/" + second; }

    @RemoteMethod public String pick(int first, String second) { return first + ":" + second; }
  }

  private final Calls calls = Calls.of(Finder.class);

  @Test
  void overloadIsChosenByArgumentCount() {
    assertEquals("ann limit 3", value(calls.call("Find", "get", "[\"ann\", 3]")));
  }

  @Test
  void overloadOfEqualCountIsChosenByWhatTheArgumentsAre() {
    assertEquals("id 42", value(calls.call("Find", "get", "[42]")));
    assertEquals("name ann", value(calls.call("Find", "get", "[\"ann\"]")));
    assertEquals("flag true", value(calls.call("Find", "get", "[true]")));
    assertEquals("names [a, b]", value(calls.call("Find", "size", "[[\"a\", \"b\"]]")));
    assertEquals("count 2", value(calls.call("Find", "size", "[2]")));
    assertEquals("7/false", value(calls.call("Find", "pick", "[7, false]")));
    assertEquals("7:x", value(calls.call("Find", "pick", "[7, \"x\"]")));
  }

  @Test
  void nullGoesToTheOnlyOverloadThatAcceptsIt() {
    assertEquals("name null", value(calls.call("Find", "get", "[null]")));
    assertEquals("names null", value(calls.call("Find", "size", "[null]")));
  }

  @Test
  void wrongArgumentCountIsUnknownMethodNamingTheCounts() {
    assertEquals("Find.get takes 1 or 2 argument(s), not 3", error(calls.call("Find", "get", "[1, 2, 3]"), "UNKNOWN_METHOD"));
    assertEquals("Find.twice takes 1 argument(s), not 0", error(calls.call("Find", "twice", "[]"), "UNKNOWN_METHOD"));
  }

  @Test
  void argumentOfNoOverloadsKindIsBadArgumentsNamingTheArgument() {
    String message = error(calls.call("Find", "get", "[{\"a\": 1}]"), "BAD_ARGUMENTS");
    assertTrue(message.startsWith("argument 1 ("), message);
    assertTrue(message.contains("got an object"), message);
    String second = error(calls.call("Find", "pick", "[1, [2]]"), "BAD_ARGUMENTS");
    assertTrue(second.startsWith("argument 2 (second): expected "), second);
  }

  @Test
  void unconvertibleArgumentIsBadArgumentsPrefixedWithItsPositionAndName() {
    String message = error(calls.call("Find", "twice", "[\"many\"]"), "BAD_ARGUMENTS");
    assertTrue(message.startsWith("argument 1 (count): "), message);
  }

  @Test
  void nullIntoAPrimitiveIsBadArguments() {
    String message = error(calls.call("Find", "twice", "[null]"), "BAD_ARGUMENTS");
    assertTrue(message.startsWith("argument 1 (count): "), message);
  }

  @Test
  void objectArgumentsConvertToTheDeclaredType() {
    assertEquals("3,4", value(calls.call("Find", "at", "[{\"x\": 3, \"y\": 4}]")));
  }
}

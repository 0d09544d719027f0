package io.duplex.internal.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.Test;

/** Arrays, collections, maps, Optional and values declared as Object. */
class ContainerConversionTest {
  enum Color {
    RED,
    GREEN
  }

  record Person(String name, int age) {}

  /** A map class of the application with its own type arguments fixed. */
  static class Scores extends HashMap<String, Integer> {}

  private static final Type LIST_OF_PERSON = new TypeToken<List<Person>>() {}.getType();
  private static final Type MAP_OF_LISTS = new TypeToken<Map<String, List<Integer>>>() {}.getType();

  private final Conversions c = new Conversions();

  @Test
  void arraysBothWays() throws Exception {
    assertArrayEquals(new int[] {1, 2, 3}, (int[]) c.read("[1,2,3]", int[].class));
    assertArrayEquals(new String[] {"a", null}, (String[]) c.read("[\"a\",null]", String[].class));
    assertArrayEquals(
        new int[][] {{1}, {2, 3}, {}}, (int[][]) c.read("[[1],[2,3],[]]", int[][].class));
    assertEquals("[1,2,3]", c.write(new int[] {1, 2, 3}, int[].class));
    assertEquals("[[1],[]]", c.write(new long[][] {{1}, {}}, long[][].class));
    assertEquals(
        "[{\"name\":\"ann\",\"age\":30}]",
        c.write(new Person[] {new Person("ann", 30)}, Person[].class));
    assertNull(c.read("null", int[].class));
  }

  @Test
  void arrayElementsAreAsStrictAsSingleValues() {
    assertEquals("expected a number at $[1], got null", c.refusal("[1,null]", int[].class));
    assertEquals("expected a number at $[2], got a string", c.refusal("[1,2,\"3\"]", int[].class));
    assertEquals("expected an array, got an object", c.refusal("{}", int[].class));
    assertEquals("expected an array, got a string", c.refusal("\"1,2\"", String[].class));
  }

  @Test
  void listsSetsAndCollectionsAreArrays() throws Exception {
    assertEquals(
        List.of("a", "b"), c.read("[\"a\",\"b\"]", new TypeToken<List<String>>() {}.getType()));
    Object set = c.read("[3,1,3,2]", new TypeToken<Set<Integer>>() {}.getType());
    assertInstanceOf(LinkedHashSet.class, set);
    assertEquals(List.of(3, 1, 2), new ArrayList<>((Set<?>) set), "kept in order, once each");
    Object sorted = c.read("[3,1,2]", new TypeToken<SortedSet<Integer>>() {}.getType());
    assertEquals(new TreeSet<>(List.of(1, 2, 3)), sorted);
    Object collection = c.read("[true,false]", new TypeToken<Collection<Boolean>>() {}.getType());
    assertEquals(List.of(true, false), new ArrayList<>((Collection<?>) collection));
    Object arrayList = c.read("[1]", new TypeToken<ArrayList<Long>>() {}.getType());
    assertEquals(new ArrayList<>(List.of(1L)), arrayList);
    assertEquals(
        "[\"a\",\"b\"]", c.write(List.of("a", "b"), new TypeToken<List<String>>() {}.getType()));
    assertEquals(
        "[1,2]", c.write(new TreeSet<>(Set.of(2, 1)), new TypeToken<Set<Integer>>() {}.getType()));
  }

  @Test
  void genericElementTypesAreHonoured() throws Exception {
    assertEquals(
        List.of(new Person("ann", 30), new Person("bob", 4)),
        c.read("[{\"name\":\"ann\",\"age\":30},{\"name\":\"bob\",\"age\":4}]", LIST_OF_PERSON));
    assertEquals(
        Map.of("a", List.of(1, 2), "b", List.of()), c.read("{\"a\":[1,2],\"b\":[]}", MAP_OF_LISTS));
    Type nested = new TypeToken<List<Map<Color, Set<Person>>>>() {}.getType();
    Object value = List.of(Map.of(Color.RED, Set.of(new Person("cy", 1))));
    assertEquals(value, c.roundTrip(value, nested));
    assertEquals(
        "expected a number at $.b[1], got a string",
        c.refusal("{\"a\":[1],\"b\":[2,\"x\"]}", MAP_OF_LISTS));
    assertEquals(
        "expected an object at $[0].RED[0], got an array", c.refusal("[{\"RED\":[[]]}]", nested));
  }

  @Test
  void collectionElementsAreWrittenByTheirDeclaredGenericType() {
    Type longs = new TypeToken<List<Long>>() {}.getType();
    assertEquals("[1,\"9007199254740993\"]", c.write(List.of(1L, 9007199254740993L), longs));
  }

  @Test
  void mapsWithStringKeys() throws Exception {
    Type type = new TypeToken<Map<String, Integer>>() {}.getType();
    Object map = c.read("{\"b\":2,\"a\":1,\"n\":null}", type);
    assertInstanceOf(LinkedHashMap.class, map);
    assertEquals(Arrays.asList("b", "a", "n"), new ArrayList<>(((Map<?, ?>) map).keySet()));
    assertNull(((Map<?, ?>) map).get("n"));
    Map<String, Integer> written = new LinkedHashMap<>();
    written.put("x", 1);
    written.put("y", null);
    assertEquals("{\"x\":1,\"y\":null}", c.write(written, type), "null values are kept");
    assertEquals("expected an object, got an array", c.refusal("[]", type));
    assertEquals("expected a number at $.a, got a string", c.refusal("{\"a\":\"1\"}", type));
  }

  @Test
  void longMemberNamesAreCutFromThePathInMessages() {
    String key = "k".repeat(5000) + "END";
    String message =
        c.refusal("{\"" + key + "\":\"x\"}", new TypeToken<Map<String, Integer>>() {}.getType());
    assertTrue(message.startsWith("expected a number at ...kkk"), message);
    assertTrue(message.endsWith("kEND, got a string"), message);
    assertTrue(message.length() < 260, message);
  }

  @Test
  void mapsWithNumberKeysUseTheDecimalText() throws Exception {
    Type ints = new TypeToken<Map<Integer, String>>() {}.getType();
    assertEquals(Map.of(1, "a", -2, "b"), c.read("{\"1\":\"a\",\"-2\":\"b\"}", ints));
    assertEquals("{\"7\":\"x\"}", c.write(Map.of(7, "x"), ints));
    Type longs = new TypeToken<Map<Long, Boolean>>() {}.getType();
    assertEquals(
        Map.of(9007199254740993L, true), c.roundTrip(Map.of(9007199254740993L, true), longs));
    Type doubles = new TypeToken<Map<Double, Integer>>() {}.getType();
    assertEquals(Map.of(0.5, 1), c.roundTrip(Map.of(0.5, 1), doubles));
    assertEquals(
        "expected a key that is a whole number from -2147483648 to 2147483647 at $.x, got \"x\"",
        c.refusal("{\"x\":\"a\"}", ints));
    assertEquals(
        "expected a key different from the earlier ones at $.01, got \"01\"",
        c.refusal("{\"1\":\"a\",\"01\":\"b\"}", ints));
  }

  @Test
  void mapsWithEnumKeys() throws Exception {
    Type type = new TypeToken<Map<Color, Integer>>() {}.getType();
    assertEquals(Map.of(Color.RED, 1), c.read("{\"RED\":1}", type));
    assertEquals("{\"GREEN\":2}", c.write(Map.of(Color.GREEN, 2), type));
    assertEquals(
        "expected a key that is a Color (one of RED, GREEN) at $.BLUE, got \"BLUE\"",
        c.refusal("{\"BLUE\":1}", type));
    Type enumMap = new TypeToken<EnumMap<Color, String>>() {}.getType();
    Object read = c.read("{\"GREEN\":\"g\",\"RED\":\"r\"}", enumMap);
    assertInstanceOf(EnumMap.class, read);
    assertEquals(List.of(Color.RED, Color.GREEN), new ArrayList<>(((Map<?, ?>) read).keySet()));
  }

  @Test
  void mapKindsGetAFittingImplementation() throws Exception {
    assertInstanceOf(
        TreeMap.class,
        c.read("{\"b\":1,\"a\":2}", new TypeToken<SortedMap<String, Integer>>() {}.getType()));
    assertInstanceOf(
        ConcurrentMap.class,
        c.read("{\"a\":1}", new TypeToken<ConcurrentMap<String, Integer>>() {}.getType()));
    Object scores = c.read("{\"ann\":3}", Scores.class);
    assertInstanceOf(Scores.class, scores);
    assertEquals(3, ((Scores) scores).get("ann"), "type arguments come from the superclass");
    assertEquals(
        "expected a number at $.ann, got a string", c.refusal("{\"ann\":\"3\"}", Scores.class));
  }

  @Test
  void mapsWithOtherKeyTypesAreRefusedWhenTheTypeIsFirstUsed() {
    Type type = new TypeToken<Map<Person, String>>() {}.getType();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> c.converter().reader(type));
    assertTrue(e.getMessage().contains("use String, an enum or a number type"), e.getMessage());
  }

  @Test
  void mapsDeclaredLooselyWriteTheirKeysByRuntimeClass() {
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put("s", 1);
    map.put(Color.RED, 2);
    map.put(9007199254740993L, 9007199254740993L);
    assertEquals(
        "{\"s\":1,\"RED\":2,\"9007199254740993\":\"9007199254740993\"}", c.write(map, Map.class));
    Map<Object, Object> bad = Map.of(new Person("x", 1), 1);
    assertThrows(IllegalArgumentException.class, () -> c.write(bad, Object.class));
  }

  @Test
  void optionalsAreTheValueOrNull() throws Exception {
    Type type = new TypeToken<Optional<String>>() {}.getType();
    assertEquals(Optional.of("x"), c.read("\"x\"", type));
    assertEquals(Optional.empty(), c.read("null", type));
    assertEquals("\"x\"", c.write(Optional.of("x"), type));
    assertEquals("null", c.write(Optional.empty(), type));
    assertEquals("null", c.write(null, type));
    assertEquals("expected a string, got a number", c.refusal("1", type));
    Type people = new TypeToken<Optional<List<Person>>>() {}.getType();
    assertEquals(
        Optional.of(List.of(new Person("ann", 1))),
        c.roundTrip(Optional.of(List.of(new Person("ann", 1))), people));
    assertEquals(
        "\"9007199254740993\"",
        c.write(Optional.of(9007199254740993L), new TypeToken<Optional<Long>>() {}.getType()));
    assertEquals(
        "1", c.write(Optional.of(1), Optional.class), "a raw Optional writes by runtime class");
  }

  @Test
  void primitiveOptionalsToo() throws Exception {
    assertEquals(OptionalInt.of(3), c.read("3", OptionalInt.class));
    assertEquals(OptionalInt.empty(), c.read("null", OptionalInt.class));
    assertEquals(
        "\"9007199254740993\"", c.write(OptionalLong.of(9007199254740993L), OptionalLong.class));
    assertEquals(
        OptionalLong.of(9007199254740993L), c.read("\"9007199254740993\"", OptionalLong.class));
    assertEquals("null", c.write(OptionalDouble.empty(), OptionalDouble.class));
    assertEquals(OptionalDouble.of(0.5), c.roundTrip(OptionalDouble.of(0.5), OptionalDouble.class));
    c.refusal("\"3\"", OptionalInt.class);
  }

  @Test
  void valuesDeclaredAsObjectBecomePlainJsonShapes() throws Exception {
    Object read = c.read("{\"a\":[1,2.5,\"x\",true,null,{\"b\":{}}]}", Object.class);
    Map<?, ?> map = assertInstanceOf(Map.class, read);
    List<?> list = assertInstanceOf(List.class, map.get("a"));
    assertEquals(Arrays.asList(1L, 2.5, "x", true, null, Map.of("b", Map.of())), list);
    assertEquals(
        Arrays.asList("x", 1L),
        c.read("[\"x\",1]", new TypeToken<List<?>>() {}.getType()),
        "wildcards read as Object");
  }

  @Test
  void jsonCannotNameAClass() throws Exception {
    String attack =
        "{\"@class\":\"java.lang.ProcessBuilder\",\"@type\":\"java.lang.Runtime\","
            + "\"$type\":\"java.io.File\",\"class\":\"java.lang.Thread\",\"name\":\"ann\",\"age\":1}";
    Object asObject = c.read(attack, Object.class);
    assertInstanceOf(Map.class, asObject);
    assertTrue(
        ((Map<?, ?>) asObject)
            .values().stream().allMatch(v -> v instanceof String || v instanceof Long));
    assertEquals(new Person("ann", 1), c.read(attack, Person.class), "extra members are ignored");
  }
}

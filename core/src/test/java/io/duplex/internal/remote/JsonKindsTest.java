package io.duplex.internal.remote;

import static io.duplex.internal.remote.JsonKind.ARRAY;
import static io.duplex.internal.remote.JsonKind.BOOLEAN;
import static io.duplex.internal.remote.JsonKind.NULL;
import static io.duplex.internal.remote.JsonKind.NUMBER;
import static io.duplex.internal.remote.JsonKind.OBJECT;
import static io.duplex.internal.remote.JsonKind.STRING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import io.duplex.JsFunction;
import io.duplex.Scope;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The JSON kinds each Java type accepts, per the conversion table of the protocol. */
class JsonKindsTest {
  record Person(String name) {}

  private static void assertKinds(Type type, JsonKind... expected) {
    assertEquals(JsonKind.mask(expected), JsonKinds.accepted(type), type.getTypeName());
  }

  @Test
  void primitivesNeverAcceptNull() {
    assertKinds(int.class, NUMBER);
    assertKinds(double.class, NUMBER);
    assertKinds(long.class, NUMBER, STRING);
    assertKinds(boolean.class, BOOLEAN);
    assertKinds(char.class, STRING);
  }

  @Test
  void referenceTypesAlsoAcceptNull() {
    assertKinds(Integer.class, NUMBER, NULL);
    assertKinds(Long.class, NUMBER, STRING, NULL);
    assertKinds(BigDecimal.class, NUMBER, STRING, NULL);
    assertKinds(BigInteger.class, NUMBER, STRING, NULL);
    assertKinds(Boolean.class, BOOLEAN, NULL);
    assertKinds(String.class, STRING, NULL);
    assertKinds(Character.class, STRING, NULL);
  }

  @Test
  void textualValueTypesAreStrings() {
    for (Type type : List.of(UUID.class, Scope.class, Instant.class, LocalDate.class, Duration.class, byte[].class)) {
      assertKinds(type, STRING, NULL);
    }
    assertKinds(Date.class, NUMBER, STRING, NULL);
  }

  @Test
  void containersAndObjects() {
    assertKinds(int[].class, ARRAY, NULL);
    assertKinds(new TypeToken<List<String>>() {}.getType(), ARRAY, NULL);
    assertKinds(new TypeToken<Set<Integer>>() {}.getType(), ARRAY, NULL);
    assertKinds(new TypeToken<Map<String, Integer>>() {}.getType(), OBJECT, NULL);
    assertKinds(Person.class, OBJECT, NULL);
    assertKinds(JsFunction.class, OBJECT, NULL);
    assertKinds(new TypeToken<Optional<Integer>>() {}.getType(), NUMBER, NULL);
    assertKinds(Object.class, NULL, BOOLEAN, NUMBER, STRING, ARRAY, OBJECT);
  }

  @Test
  void kindOfJsonValues() {
    assertEquals(NULL, JsonKind.of(JsonParser.parseString("null")));
    assertEquals(BOOLEAN, JsonKind.of(JsonParser.parseString("false")));
    assertEquals(NUMBER, JsonKind.of(JsonParser.parseString("1.5")));
    assertEquals(STRING, JsonKind.of(JsonParser.parseString("\"1.5\"")));
    assertEquals(ARRAY, JsonKind.of(JsonParser.parseString("[]")));
    assertEquals(OBJECT, JsonKind.of(JsonParser.parseString("{}")));
  }
}

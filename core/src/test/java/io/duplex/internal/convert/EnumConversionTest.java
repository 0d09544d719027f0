package io.duplex.internal.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.annotations.SerializedName;
import org.junit.jupiter.api.Test;

class EnumConversionTest {
  enum Color {
    RED,
    GREEN,
    @SerializedName("blue")
    BLUE
  }

  enum Operation {
    PLUS {
      @Override
      int apply(int a, int b) {
        return a + b;
      }
    },
    TIMES {
      @Override
      int apply(int a, int b) {
        return a * b;
      }
    };

    abstract int apply(int a, int b);
  }

  enum Many {
    A,
    B,
    C,
    D,
    E,
    F,
    G,
    H,
    I,
    J,
    K,
    L,
    M,
    N
  }

  enum Empty {}

  private final Conversions c = new Conversions();

  @Test
  void enumsAreTheirNames() throws Exception {
    assertEquals("\"GREEN\"", c.write(Color.GREEN, Color.class));
    assertEquals(Color.GREEN, c.read("\"GREEN\"", Color.class));
    assertNull(c.read("null", Color.class));
    assertEquals("null", c.write(null, Color.class));
  }

  @Test
  void theNameIsAlwaysNameNotAGsonAnnotation() throws Exception {
    assertEquals("\"BLUE\"", c.write(Color.BLUE, Color.class));
    assertEquals(Color.BLUE, c.read("\"BLUE\"", Color.class));
    c.refusal("\"blue\"", Color.class);
  }

  @Test
  void anUnknownNameIsRefusedNotReadAsNull() {
    assertEquals(
        "expected a Color (one of RED, GREEN, BLUE), got \"PURPLE\"",
        c.refusal("\"PURPLE\"", Color.class));
    assertEquals(
        "expected a Color (one of RED, GREEN, BLUE), got \"red\"",
        c.refusal("\"red\"", Color.class),
        "names are case-sensitive");
    assertEquals(
        "expected a Color (one of RED, GREEN, BLUE), got a number", c.refusal("0", Color.class));
  }

  @Test
  void longListsOfNamesAreCut() {
    assertEquals(
        "expected a Many (one of A, B, C, D, E, F, G, H, I, J, K, L, ...), got \"Z\"",
        c.refusal("\"Z\"", Many.class));
    assertEquals("expected an Empty, got \"X\"", c.refusal("\"X\"", Empty.class));
  }

  @Test
  void constantsWithBodiesWork() throws Exception {
    assertEquals(Operation.TIMES, c.read("\"TIMES\"", Operation.class));
    assertEquals("\"PLUS\"", c.write(Operation.PLUS, Operation.class));
    assertEquals("\"PLUS\"", c.write(Operation.PLUS, Object.class));
    assertEquals("\"TIMES\"", c.write(Operation.TIMES, null));
    assertEquals(
        "expected an Operation (one of PLUS, TIMES), got \"MINUS\"",
        c.refusal("\"MINUS\"", Operation.class));
  }
}

package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.Duplex;
import io.duplex.JsFunction;
import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stub of a service with overloads of several arities tells the engine those arities, and which
 * of them take a page function last, so {@code U.f("x", callback)} calls f(String) with a callback.
 */
class OverloadedStubTest {
  @RemoteService(name = "U")
  public static class Overloaded {
    @RemoteMethod
    public String f(String a) {
      return "f1 " + a;
    }

    @RemoteMethod
    public String f(String a, String b) {
      return "f2 " + a + b;
    }

    @RemoteMethod
    public String watch(String room) {
      return room;
    }

    @RemoteMethod
    public String watch(String room, JsFunction listener) {
      return room + " watched";
    }

    @RemoteMethod
    public String single(String a) {
      return a;
    }
  }

  @RegisterExtension
  static final RunningServer app = new RunningServer(() -> Duplex.builder().expose(Overloaded.class).build());

  @Test
  void theStubListsTheAritiesOfOverloadedMethods() {
    String stub = app.server().client().get("interface/U.js").body();

    assertEquals(
        "duplex.service(\"U\", {\"f\":[\"a\",\"b\"],\"single\":[\"a\"],\"watch\":[\"room\",\"listener\"]}, \""
            + app.server().basePath()
            + "\", {\"f\":{\"arities\":[1,2],\"functionLast\":[]},"
            + "\"watch\":{\"arities\":[1,2],\"functionLast\":[2]}});",
        stub);
  }

  @Test
  void theShorterOverloadAnswersWhatTheEngineSends() {
    DuplexTestClient page = app.server().client().handshake("/u.html");

    // What the engine sends for U.f("x", callback): one argument.
    assertEquals("f1 x", page.value("U", "f", "x").getAsString());
    assertTrue(page.value("U", "f", "x", "y").getAsString().startsWith("f2"));
  }
}

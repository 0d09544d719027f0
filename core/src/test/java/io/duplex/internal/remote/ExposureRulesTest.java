package io.duplex.internal.remote;

import static io.duplex.internal.remote.Calls.error;
import static io.duplex.internal.remote.Calls.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.CallContext;
import io.duplex.Duplex;
import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import io.duplex.Scope;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only what was exposed is callable, and the browser's stub lists exactly that. */
class ExposureRulesTest {

  public abstract static class Base {
    @RemoteMethod public String inherited() { return "from base"; }

    @RemoteMethod public String overridden() { return "base"; }
  }

  @RemoteService(name = "Chat", scope = Scope.HTTP_SESSION)
  public static class ChatService extends Base {
    @RemoteMethod public String send(String text) { return "sent " + text; }

    @RemoteMethod public List<String> history() { return List.of("a"); }

    @RemoteMethod public String history(int limit, HttpSession session, String filter) { return "filtered"; }

    public String unexposed() { return "secret"; }

    @Override public String overridden() { return "subclass"; }

    @Override public String toString() { return "chat"; }
  }

  private final Calls calls = Calls.of(ChatService.class);

  @Test
  void annotatedMethodsAreCallable() {
    assertEquals("sent hi", value(calls.call("Chat", "send", "[\"hi\"]")));
    assertEquals("from base", value(calls.call("Chat", "inherited", "[]")));
  }

  @Test
  void overridingKeepsTheExposureOfTheAnnotatedDeclaration() {
    assertEquals("subclass", value(calls.call("Chat", "overridden", "[]")));
  }

  @Test
  void publicMethodsWithoutAnnotationAreUnknown() {
    assertEquals("Service \"Chat\" has no method \"unexposed\"", error(calls.call("Chat", "unexposed", "[]"), "UNKNOWN_METHOD"));
  }

  @Test
  void methodsOfObjectAreUnknown() {
    for (String method : List.of("toString", "hashCode", "getClass", "wait", "notify", "equals")) {
      error(calls.call("Chat", method, "[]"), "UNKNOWN_METHOD");
    }
    error(calls.call("Chat", "equals", "[null]"), "UNKNOWN_METHOD");
  }

  @Test
  void unknownServiceIsReported() {
    assertEquals("No service named \"Nope\"", error(calls.call("Nope", "send", "[]"), "UNKNOWN_SERVICE"));
  }

  @Test
  void signatureListsTheLongestOverloadWithoutInjectedParameters() {
    ServiceDefinition chat = calls.registry().service("Chat").orElseThrow();
    assertEquals(Scope.HTTP_SESSION, chat.scope());
    assertEquals(ChatService.class, chat.type());
    assertEquals(
        Map.of(
            "history", List.of("limit", "filter"),
            "inherited", List.of(),
            "overridden", List.of(),
            "send", List.of("text")),
        chat.jsSignature());
  }

  @Test
  void interfaceScriptIsTheStubOfTheProtocolSortedByMethodName() {
    ServiceDefinition chat = calls.registry().service("Chat").orElseThrow();
    assertEquals(
        "duplex.service(\"Chat\", {\"history\":[\"limit\",\"filter\"],\"inherited\":[],\"overridden\":[],"
            + "\"send\":[\"text\"]}, \"/duplex\", {\"history\":{\"arities\":[0,2],\"functionLast\":[]}});",
        chat.interfaceScript("/duplex"));
  }

  @Test
  void interfaceScriptEscapesTheBaseForJavaScript() {
    String script = calls.registry().service("Chat").orElseThrow().interfaceScript("/a\"b</script>");
    assertTrue(script.contains(", \"/a\\\"b\\u003c/script\\u003e\", {"), script);
  }

  @Test
  void servicesAreListedInExposureOrder() {
    Calls two = Calls.of(Duplex.builder().expose(ChatService.class).expose("Buffer", StringBuilder.class, StringBuilder::new).methods("length").and());
    assertEquals(List.of("Chat", "Buffer"), two.registry().services().stream().map(ServiceDefinition::name).toList());
    assertTrue(two.registry().service("Missing").isEmpty());
  }

  public static class Counter {
    private int count;

    public int add(int delta) { return count += delta; }

    public int add(int delta, int times) { return count += delta * times; }

    public int get() { return count; }

    public void reset() { count = 0; }

    public int current(CallContext context) { return count; }
  }

  @Test
  void programmaticExposureMakesOnlyTheNamedMethodsCallable() {
    Calls counter =
        Calls.of(Duplex.builder().expose("Counter", Counter.class, Counter::new).methods("add", "get").and());
    assertEquals(2, value(counter.call("Counter", "add", "[2]")));
    assertEquals(8, value(counter.call("Counter", "add", "[3, 2]")));
    assertEquals(8, value(counter.call("Counter", "get", "[]")));
    error(counter.call("Counter", "reset", "[]"), "UNKNOWN_METHOD");
    error(counter.call("Counter", "current", "[]"), "UNKNOWN_METHOD");
    assertEquals(
        Map.of("add", List.of("delta", "times"), "get", List.of()),
        counter.registry().service("Counter").orElseThrow().jsSignature());
  }

  public interface Handler<T> {
    String handle(T value);
  }

  public static class Upper implements Handler<String> {
    @Override
    public String handle(String value) { return value.toUpperCase(); }
  }

  @Test
  void compilerBridgesOfGenericMethodsAreNotExposedBesideTheRealMethod() {
    Calls upper = Calls.of(Duplex.builder().expose("Upper", Upper.class, Upper::new).methods("handle").and());
    assertEquals("ABC", value(upper.call("Upper", "handle", "[\"abc\"]")));
    assertEquals(Map.of("handle", List.of("value")), upper.registry().service("Upper").orElseThrow().jsSignature());
  }

  @Test
  void publicMethodsInheritedFromAPackagePrivateSuperclassCanBeExposed() {
    // StringBuilder.length() is declared by the package-private AbstractStringBuilder.
    Calls buffer =
        Calls.of(Duplex.builder().expose("Buffer", StringBuilder.class, () -> new StringBuilder("abc")).methods("length").and());
    assertEquals(3, value(buffer.call("Buffer", "length", "[]")));
  }
}

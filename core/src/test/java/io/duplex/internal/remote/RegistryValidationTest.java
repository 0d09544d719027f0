package io.duplex.internal.remote;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.CallContext;
import io.duplex.Duplex;
import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Everything that cannot be exposed as declared fails {@code build()} with a message naming it. */
class RegistryValidationTest {

  private static String startupError(Duplex.Builder builder) {
    IllegalStateException e = assertThrows(IllegalStateException.class, builder::build);
    return e.getMessage();
  }

  private static String startupError(Class<?> annotated) {
    return startupError(Duplex.builder().expose(annotated));
  }

  private static void assertMentions(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), () -> "expected \"" + part + "\" in: " + message);
    }
  }

  @RemoteService(name = "Same")
  public static class First {
    @RemoteMethod public void a() {}
  }

  @RemoteService(name = "Same")
  public static class Second {
    @RemoteMethod public void b() {}
  }

  @Test
  void duplicateServiceNamesAreRefused() {
    String message = startupError(Duplex.builder().expose(First.class).expose(Second.class));
    assertMentions(message, "\"Same\"", First.class.getName(), Second.class.getName());
  }

  @Test
  void duplicateNameBetweenAnnotatedAndProgrammaticIsRefused() {
    String message =
        startupError(Duplex.builder().expose(First.class).expose("Same", StringBuilder.class, StringBuilder::new).methods("length").and());
    assertMentions(message, "\"Same\"");
  }

  @RemoteService
  public static class NothingExposed {
    public void open() {}
  }

  @Test
  void annotatedServiceWithoutRemoteMethodIsRefused() {
    assertMentions(startupError(NothingExposed.class), "NothingExposed", "no public @RemoteMethod");
  }

  public static class Plain {
    public int size() { return 0; }
    public static int count() { return 0; }
    int hidden() { return 0; }
    @Override public String toString() { return "plain"; }
  }

  @Test
  void programmaticMethodThatDoesNotExistIsRefused() {
    String message = startupError(Duplex.builder().expose("P", Plain.class, Plain::new).methods("size", "sise").and());
    assertMentions(message, "\"P\"", "no method \"sise\"");
  }

  @Test
  void programmaticMethodThatIsNotPublicIsRefused() {
    String message = startupError(Duplex.builder().expose("P", Plain.class, Plain::new).methods("hidden").and());
    assertMentions(message, "\"hidden\"", "not public");
  }

  @Test
  void programmaticStaticMethodIsRefused() {
    String message = startupError(Duplex.builder().expose("P", Plain.class, Plain::new).methods("count").and());
    assertMentions(message, "static method count");
  }

  @Test
  void programmaticObjectMethodsAreRefusedEvenWhenOverridden() {
    assertMentions(
        startupError(Duplex.builder().expose("P", Plain.class, Plain::new).methods("toString").and()),
        "\"toString\" is declared by java.lang.Object");
    assertMentions(
        startupError(Duplex.builder().expose("P", Plain.class, Plain::new).methods("getClass").and()),
        "\"getClass\" is declared by java.lang.Object");
  }

  @Test
  void programmaticExposureWithoutMethodsIsRefused() {
    assertMentions(startupError(Duplex.builder().expose("P", Plain.class, Plain::new).and()), "methods(...)");
  }

  @Test
  void rolesForAMethodThatIsNotExposedAreRefused() {
    String message =
        startupError(Duplex.builder().expose("P", Plain.class, Plain::new).methods("size").roles("szie", "admin").and());
    assertMentions(message, "roles", "\"szie\"");
  }

  @RemoteService
  public static class StaticRemote {
    @RemoteMethod public static int now() { return 1; }
  }

  @Test
  void annotatedStaticMethodIsRefused() {
    assertMentions(startupError(StaticRemote.class), "static method now");
  }

  @RemoteService
  public static class HiddenRemote {
    @RemoteMethod public void fine() {}
    @RemoteMethod void forgotPublic() {}
  }

  @Test
  void annotatedNonPublicMethodIsRefused() {
    assertMentions(startupError(HiddenRemote.class), "forgotPublic", "not public");
  }

  @RemoteService
  public static class ObjectRemote {
    @RemoteMethod @Override public String toString() { return "x"; }
  }

  @Test
  void annotatedObjectMethodIsRefused() {
    assertMentions(startupError(ObjectRemote.class), "\"toString\" is declared by java.lang.Object");
  }

  @RemoteService
  public static class IntOrLong {
    @RemoteMethod public void put(int value) {}
    @RemoteMethod public void put(long value) {}
  }

  @RemoteService
  public static class StringOrUuid {
    @RemoteMethod public void find(String key) {}
    @RemoteMethod public void find(UUID key) {}
  }

  @RemoteService
  public static class ListOrArray {
    @RemoteMethod public void add(String name, List<Integer> values) {}
    @RemoteMethod public void add(String name, int[] values) {}
  }

  @RemoteService
  public static class NullFitsBoth {
    @RemoteMethod public void find(String name) {}
    @RemoteMethod public void find(Integer id) {}
  }

  @RemoteService
  public static class InjectionOnlyDiffers {
    @RemoteMethod public void send(String text) {}
    @RemoteMethod public void send(String text, HttpServletRequest request) {}
  }

  @RemoteService
  public static class TwoNoArgs {
    @RemoteMethod public int count() { return 0; }
    @RemoteMethod public int count(CallContext context) { return 0; }
  }

  @Test
  void overloadsTheSameJsonCouldMatchAreRefused() {
    assertMentions(startupError(IntOrLong.class), "ambiguous overloads", "put(int)", "put(long)");
    assertMentions(startupError(StringOrUuid.class), "find(String)", "find(UUID)");
    assertMentions(startupError(ListOrArray.class), "add(String, List)", "add(String, int[])");
    assertMentions(startupError(NullFitsBoth.class), "find(String)", "find(Integer)", "null fits any reference type");
  }

  @Test
  void injectedParametersDoNotDisambiguateOverloads() {
    assertMentions(startupError(InjectionOnlyDiffers.class), "send(String)", "send(String, HttpServletRequest)");
    assertMentions(startupError(TwoNoArgs.class), "count()", "count(CallContext)");
  }

  @RemoteService
  public static class Distinguishable {
    @RemoteMethod public String get(int id) { return "by id"; }
    @RemoteMethod public String get(String name) { return "by name"; }
    @RemoteMethod public String get(String name, int limit) { return "two"; }
    @RemoteMethod public String get(String name, boolean exact) { return "two"; }
  }

  @Test
  void overloadsThatDifferInJsonKindAreAccepted() {
    assertDoesNotThrow(() -> Duplex.builder().expose(Distinguishable.class).build());
  }

  @RemoteService
  public static class NoDefaultConstructor {
    public NoDefaultConstructor(String required) {}

    @RemoteMethod public void go() {}
  }

  @Test
  void serviceWithoutConstructorOrFactoryIsRefused() {
    assertMentions(startupError(NoDefaultConstructor.class), "no public no-arg constructor", "factory");
    assertDoesNotThrow(() -> Duplex.builder().expose(NoDefaultConstructor.class, () -> new NoDefaultConstructor("x")).build());
  }

  @RemoteService(name = "my-service")
  public static class BadName {
    @RemoteMethod public void go() {}
  }

  @Test
  void serviceNameMustBeAJavaScriptIdentifier() {
    assertMentions(
        startupError(BadName.class),
        "\"my-service\"",
        "JavaScript identifier",
        "@RemoteService(name = \"...\")");
    assertMentions(startupError(Duplex.builder().expose("1st", Plain.class, Plain::new).methods("size").and()), "identifier");
  }

  @RemoteService(name = "JSON")
  public static class ShadowsJson {
    @RemoteMethod public void go() {}
  }

  /** A class whose simple name, the default service name, is the engine's own global. */
  @RemoteService
  public static class duplex {
    @RemoteMethod public void go() {}
  }

  @Test
  void serviceNamesThatWouldReplaceGlobalsFailAtStartupNamingTheFix() {
    assertMentions(
        startupError(ShadowsJson.class),
        "\"JSON\"",
        "JavaScript built-in global",
        "@RemoteService(name = \"...\")",
        ShadowsJson.class.getName());
    assertMentions(startupError(duplex.class), "\"duplex\"", "Duplex engine itself");
    for (String name :
        List.of("window", "document", "Object", "Array", "Promise", "__proto__", "constructor",
            "prototype", "fetch", "location", "name", "onload", "class", "toString", "undefined")) {
      assertMentions(
          startupError(Duplex.builder().expose(name, Plain.class, Plain::new).methods("size").and()),
          "\"" + name + "\"",
          "Choose another name");
    }
  }

  @RemoteService(name = "Machinery")
  public static class Machinery {
    @RemoteMethod public void constructor() {}
  }

  @Test
  void methodsTheEngineWouldLeaveOutAreRefused() {
    assertMentions(startupError(Machinery.class), "\"constructor\"", "rename the Java method");
  }

  @Test
  void namesLikeGlobalsButNotTheSameAreFine() {
    for (String name : List.of("Json", "Documents", "Users", "Window2", "$api", "_chat", "online")) {
      assertDoesNotThrow(
          () -> Duplex.builder().expose(name, Plain.class, Plain::new).methods("size").and().build().close(),
          name);
    }
  }

  @RemoteService
  public static class ReturnsFuture {
    @RemoteMethod public Future<String> later() { return null; }
  }

  @Test
  void plainFutureReturnIsRefused() {
    assertMentions(startupError(ReturnsFuture.class), "Future", "CompletableFuture");
  }
}

package io.duplex.internal.remote;

import static io.duplex.internal.remote.Calls.error;
import static io.duplex.internal.remote.Calls.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.duplex.Duplex;
import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import org.junit.jupiter.api.Test;

/** Methods with roles need a user who has one of them (UNAUTHENTICATED, then FORBIDDEN). */
class RolesTest {

  @RemoteService(name = "Admin")
  public static class AdminService {
    @RemoteMethod(roles = {"admin", "operator"})
    public String restart(int delay) { return "restarting in " + delay; }

    @RemoteMethod
    public String status() { return "up"; }

    @RemoteMethod(roles = "auditor")
    public String log(int lines) { return "log " + lines; }

    @RemoteMethod
    public String log(String filter) { return "log " + filter; }
  }

  private final Calls calls = Calls.of(AdminService.class);

  @Test
  void noUserIsUnauthenticated() {
    error(calls.call(TestContext.anonymous().build(), "Admin", "restart", "[1]"), "UNAUTHENTICATED");
  }

  @Test
  void userWithoutAnyRoleIsForbidden() {
    error(calls.call(TestContext.user("eve", "guest").build(), "Admin", "restart", "[1]"), "FORBIDDEN");
  }

  @Test
  void userWithOneOfTheRolesMayCall() {
    assertEquals("restarting in 1", value(calls.call(TestContext.user("op", "operator").build(), "Admin", "restart", "[1]")));
    assertEquals("restarting in 2", value(calls.call(TestContext.user("root", "admin").build(), "Admin", "restart", "[2]")));
  }

  @Test
  void methodsWithoutRolesAreOpenToAnyone() {
    assertEquals("up", value(calls.call(TestContext.anonymous().build(), "Admin", "status", "[]")));
  }

  @Test
  void rolesAreCheckedBeforeArgumentsAreLookedAt() {
    error(calls.call(TestContext.anonymous().build(), "Admin", "restart", "[\"soon\"]"), "UNAUTHENTICATED");
    error(calls.call(TestContext.user("eve").build(), "Admin", "restart", "[null]"), "FORBIDDEN");
  }

  @Test
  void overloadsWithDifferentRolesAreCheckedOnTheChosenOverload() {
    assertEquals("log errors", value(calls.call(TestContext.anonymous().build(), "Admin", "log", "[\"errors\"]")));
    error(calls.call(TestContext.anonymous().build(), "Admin", "log", "[10]"), "UNAUTHENTICATED");
    error(calls.call(TestContext.user("eve").build(), "Admin", "log", "[10]"), "FORBIDDEN");
    assertEquals("log 10", value(calls.call(TestContext.user("al", "auditor").build(), "Admin", "log", "[10]")));
  }

  public static class Door {
    public String open() { return "open"; }

    public String knock() { return "knock"; }
  }

  @Test
  void programmaticRolesApplyToTheNamedMethod() {
    Calls door =
        Calls.of(Duplex.builder().expose("Door", Door.class, Door::new).methods("open", "knock").roles("open", "keyholder").and());
    error(door.call(TestContext.anonymous().build(), "Door", "open", "[]"), "UNAUTHENTICATED");
    error(door.call(TestContext.user("eve").build(), "Door", "open", "[]"), "FORBIDDEN");
    assertEquals("open", value(door.call(TestContext.user("kim", "keyholder").build(), "Door", "open", "[]")));
    assertEquals("knock", value(door.call(TestContext.anonymous().build(), "Door", "knock", "[]")));
  }
}

package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonObject;
import io.duplex.Duplex;
import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Private server state in a returned bean never reaches the browser, and a browser cannot set it. */
class PrivateStateTest {
  /** A typical entity: its hash is private and has no getter. */
  public static class User {
    private String name;
    private String passwordHash;
    private boolean admin;

    public User() {}

    User(String name, String passwordHash, boolean admin) {
      this.name = name;
      this.passwordHash = passwordHash;
      this.admin = admin;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public boolean isAdmin() {
      return admin;
    }
  }

  @RemoteService(name = "Users")
  public static class Users {
    static volatile User lastSaved;

    @RemoteMethod
    public User find(String name) {
      return new User(name, "$2a$10$N9qo8uLOickgx2ZMRZoMye", false);
    }

    @RemoteMethod
    public List<User> all() {
      return List.of(find("ann"), find("bob"));
    }

    @RemoteMethod
    public boolean save(User user) {
      lastSaved = user;
      return true;
    }
  }

  @RegisterExtension
  static final RunningServer app = new RunningServer(() -> Duplex.builder().expose(Users.class).build());

  @Test
  void aPrivateFieldWithoutAGetterIsNotInTheResponse() {
    DuplexTestClient page = app.server().client().handshake("/users.html");

    DuplexTestClient.Response response =
        page.batch(DuplexTestClient.call(1, "Users", "find", "ann"), DuplexTestClient.call(2, "Users", "all"));

    assertEquals(200, response.status());
    assertFalse(response.body().contains("passwordHash"), response.body());
    assertFalse(response.body().contains("N9qo8uLO"), response.body());
    JsonObject user = response.results().get(0).getAsJsonObject().getAsJsonObject("value");
    assertEquals(Map.of("name", "ann", "admin", false).keySet(), user.keySet());
    assertEquals("ann", user.get("name").getAsString());
  }

  @Test
  void aBrowserCannotSetPrivateOrReadOnlyState() {
    DuplexTestClient page = app.server().client().handshake("/users.html");
    Map<String, Object> sent = Map.of("name", "eve", "passwordHash", "chosen", "admin", true);

    assertEquals(true, page.value("Users", "save", sent).getAsBoolean());

    User saved = Users.lastSaved;
    assertEquals("eve", saved.getName());
    assertNull(saved.passwordHash);
    assertFalse(saved.isAdmin());
  }
}

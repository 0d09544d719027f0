package io.duplex.internal.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonIOException;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import io.duplex.NotRemote;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Records and beans: records by components, beans by their public surface, with server-only state
 * kept out, and never a class from JSON.
 */
class ObjectConversionTest {
  record Person(String name, int age) {}

  record Group(String title, List<Person> people) {}

  record Account(
      String user, @NotRemote String passwordHash, @NotRemote int failedLogins, int level) {}

  record Contact(String name, Optional<String> email) {}

  record Positive(int n) {
    Positive {
      if (n < 0) {
        throw new IllegalArgumentException("internal detail: n=" + n + " in io.duplex.secret");
      }
    }
  }

  static class Bean {
    public static String shared = "static";

    public String name;
    public int count;
    public List<Integer> values;
    public transient String cache = "computed";
    @NotRemote public String owner = "server";

    Bean() {}
  }

  static class Animal {
    public String name;
  }

  static class Dog extends Animal {
    public boolean barks;
  }

  /** The classic leak: private state with no getter, next to properties meant for the page. */
  public static class User {
    private String name;
    private String passwordHash;
    private boolean admin;
    private int logins;

    public User() {}

    User(String name, String passwordHash) {
      this.name = name;
      this.passwordHash = passwordHash;
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

    public int getLogins() {
      return logins;
    }

    public String getDisplayName() {
      return name.toUpperCase(java.util.Locale.ROOT);
    }

    String passwordHash() {
      return passwordHash;
    }
  }

  /** Getters and setters around fields that must stay on the server. */
  public static class Guarded {
    private transient String token = "t";
    private String secret = "s";
    private String label = "l";
    public final String id = "fixed";

    public String getToken() {
      return token;
    }

    @NotRemote
    public String getSecret() {
      return secret;
    }

    public String getLabel() {
      return label;
    }

    @NotRemote
    public void setLabel(String label) {
      this.label = label;
    }
  }

  /** Accessors that could be picked in any order: the choice must be fixed. */
  public static class Ambiguous {
    private int count;
    private boolean active = true;

    public boolean isActive() {
      return active;
    }

    public Boolean getActive() {
      return null;
    }

    public int getCount() {
      return count;
    }

    public void setCount(String count) {
      this.count = -1;
    }

    public void setCount(int count) {
      this.count = count;
    }
  }

  /** A property list in a generic bean, resolved against the declared type. */
  public static class Page<T> {
    private List<T> items;

    public List<T> getItems() {
      return items;
    }

    public void setItems(List<T> items) {
      this.items = items;
    }
  }

  record Kennel(Animal resident, List<Animal> guests) {}

  interface Shape {}

  record Circle(double r) implements Shape {}

  abstract static class Vehicle {}

  record Drawing(List<Shape> shapes) {}

  static class NoDefaultConstructor {
    public final String value;

    NoDefaultConstructor(String value) {
      this.value = value;
    }
  }

  class Inner {
    public String value = "inner";
  }

  private final Conversions c = new Conversions();

  @Test
  void recordsAreObjectsOfTheirComponents() throws Exception {
    assertEquals("{\"name\":\"ann\",\"age\":30}", c.write(new Person("ann", 30), Person.class));
    assertEquals(new Person("ann", 30), c.read("{\"age\":30,\"name\":\"ann\"}", Person.class));
    assertEquals(new Person(null, 0), c.read("{}", Person.class), "missing members are defaults");
    assertNull(c.read("null", Person.class));
    Group group = new Group("g", List.of(new Person("a", 1), new Person("b", 2)));
    assertEquals(group, c.roundTrip(group, Group.class));
  }

  @Test
  void aPrivateFieldWithoutAGetterNeverLeavesTheServer() throws Exception {
    User user = new User("ann", "$2a$10$secrethash");
    String json = c.write(user, User.class);
    assertEquals(
        "{\"name\":\"ann\",\"admin\":false,\"logins\":0,\"displayName\":\"ANN\"}", json);
    assertFalse(json.contains("secrethash"));
    assertFalse(c.write(List.of(user), new TypeToken<List<User>>() {}.getType()).contains("hash"));
    assertFalse(c.write(user, Object.class).contains("hash"), "by runtime class too");
    assertFalse(c.write(Map.of("u", user), null).contains("hash"));
  }

  @Test
  void theBrowserSetsOnlyWhatHasAPublicSetterOrField() throws Exception {
    User sent =
        (User)
            c.read(
                "{\"name\":\"eve\",\"passwordHash\":\"chosen\",\"admin\":true,"
                    + "\"logins\":7,\"displayName\":\"X\"}",
                User.class);
    assertEquals("eve", sent.getName());
    assertNull(sent.passwordHash(), "a private field without a setter is never set");
    assertFalse(sent.isAdmin(), "a getter alone does not make a property settable");
    assertEquals(0, sent.getLogins());
  }

  @Test
  void transientAndNotRemoteExcludeGettersAndSetters() throws Exception {
    assertEquals("{\"label\":\"l\",\"id\":\"fixed\"}", c.write(new Guarded(), Guarded.class));
    Guarded sent =
        (Guarded)
            c.read(
                "{\"token\":\"x\",\"secret\":\"x\",\"label\":\"x\",\"id\":\"x\"}",
                Guarded.class);
    assertEquals("{\"label\":\"l\",\"id\":\"fixed\"}", c.write(sent, Guarded.class));
  }

  @Test
  void overloadedAccessorsAreChosenTheSameWayEveryTime() throws Exception {
    assertEquals("{\"count\":0,\"active\":true}", c.write(new Ambiguous(), Ambiguous.class));
    assertEquals(5, ((Ambiguous) c.read("{\"count\":5}", Ambiguous.class)).getCount());
    assertEquals("expected a number at $.count, got a string", c.refusal("{\"count\":\"5\"}", Ambiguous.class));
  }

  @Test
  void genericBeanPropertiesFollowTheDeclaredTypeArguments() throws Exception {
    Type type = new TypeToken<Page<Person>>() {}.getType();
    @SuppressWarnings("unchecked")
    Page<Person> page = (Page<Person>) c.read("{\"items\":[{\"name\":\"a\",\"age\":1}]}", type);
    assertEquals(List.of(new Person("a", 1)), page.getItems());
    assertEquals("{\"items\":[{\"name\":\"a\",\"age\":1}]}", c.write(page, type));
    assertEquals(
        "expected a number at $.items[0].age, got a string",
        c.refusal("{\"items\":[{\"age\":\"1\"}]}", type));
  }

  @Test
  void beansAreObjectsOfTheirPublicFields() throws Exception {
    Bean bean = (Bean) c.read("{\"name\":\"b\",\"count\":3,\"values\":[1,2]}", Bean.class);
    assertEquals("b", bean.name);
    assertEquals(3, bean.count);
    assertEquals(List.of(1, 2), bean.values);
    bean.values = null;
    assertEquals("{\"name\":\"b\",\"count\":3,\"values\":null}", c.write(bean, Bean.class));
  }

  @Test
  void theWrongJsonTypeForAnObjectIsRefused() {
    assertEquals("expected an object, got an array", c.refusal("[\"ann\",30]", Person.class));
    assertEquals("expected an object, got a string", c.refusal("\"ann\"", Bean.class));
  }

  @Test
  void messagesSayWhereInsideNestedValues() {
    String json =
        "{\"title\":\"t\",\"people\":[{\"name\":\"a\",\"age\":1},{\"name\":\"b\",\"age\":2},"
            + "{\"name\":\"c\",\"age\":\"3\"}]}";
    assertEquals(
        "expected a number at $.people[2].age, got a string", c.refusal(json, Group.class));
    assertEquals(
        "expected an array at $.people, got an object", c.refusal("{\"people\":{}}", Group.class));
    Type deep = new TypeToken<Map<String, List<Group>>>() {}.getType();
    assertEquals(
        "expected a string at $.x[0].people[0].name, got a boolean",
        c.refusal("{\"x\":[{\"people\":[{\"name\":true}]}]}", deep));
    assertEquals(
        "expected a number at $.people[0].age, got null",
        c.refusal("{\"people\":[{\"age\":null}]}", Group.class),
        "null into a primitive component");
  }

  @Test
  void notRemoteRecordComponentsAreNeverWrittenNorRead() throws Exception {
    Account account = new Account("ann", "$2a$hash", 4, 2);
    assertEquals("{\"user\":\"ann\",\"level\":2}", c.write(account, Account.class));
    Account sent =
        (Account)
            c.read(
                "{\"user\":\"eve\",\"passwordHash\":\"chosen\",\"failedLogins\":-1,\"level\":9}",
                Account.class);
    assertEquals(new Account("eve", null, 0, 9), sent);
  }

  @Test
  void notRemoteTransientAndStaticFieldsOfBeansAreNeverWrittenNorRead() throws Exception {
    Bean bean = new Bean();
    bean.name = "n";
    JsonObject written = JsonParser.parseString(c.write(bean, Bean.class)).getAsJsonObject();
    assertEquals(List.of("name", "count", "values"), List.copyOf(written.keySet()));

    Bean sent =
        (Bean)
            c.read(
                "{\"name\":\"x\",\"owner\":\"eve\",\"cache\":\"poison\",\"shared\":\"poison\"}",
                Bean.class);
    assertEquals("x", sent.name);
    assertEquals("server", sent.owner, "the constructor's value stays");
    assertEquals("computed", sent.cache);
    assertEquals("static", Bean.shared);
  }

  @Test
  void optionalComponents() throws Exception {
    assertEquals(
        "{\"name\":\"a\",\"email\":null}",
        c.write(new Contact("a", Optional.empty()), Contact.class));
    assertEquals(
        new Contact("a", Optional.of("a@x")),
        c.read("{\"name\":\"a\",\"email\":\"a@x\"}", Contact.class));
    assertEquals(
        new Contact("a", Optional.empty()),
        c.read("{\"name\":\"a\",\"email\":null}", Contact.class));
  }

  @Test
  void aRecordRefusingItsValuesIsABadValueWithoutItsMessage() {
    Type type = new TypeToken<List<Positive>>() {}.getType();
    ConversionException e =
        assertThrows(ConversionException.class, () -> c.read("[{\"n\":1},{\"n\":-1}]", type));
    assertEquals("invalid value at $[1]", e.getMessage());
    assertTrue(e.getCause() != null, "the cause is kept for the server log");
  }

  @Test
  void interfacesAndAbstractClassesAreNeverInstantiated() {
    assertEquals(
        "cannot accept a value: its type cannot be created from JSON",
        c.refusal("{\"r\":1}", Shape.class));
    assertEquals(
        "cannot accept a value: its type cannot be created from JSON",
        c.refusal("{}", Vehicle.class));
    assertEquals(
        "cannot accept a value at $.shapes[0]: its type cannot be created from JSON",
        c.refusal("{\"shapes\":[{\"r\":1}]}", Drawing.class));
    assertEquals(
        "cannot accept a value: its type cannot be created from JSON",
        c.refusal("\"text\"", CharSequence.class));
  }

  @Test
  void interfacesAcceptNullAndAreWrittenByRuntimeClass() throws Exception {
    assertNull(c.read("null", Shape.class));
    assertEquals("{\"r\":1.5}", c.write(new Circle(1.5), Shape.class));
    assertEquals(
        "{\"shapes\":[{\"r\":2.0}]}", c.write(new Drawing(List.of(new Circle(2))), Drawing.class));
  }

  @Test
  void subclassInstancesAreWrittenByTheirOwnClassEverywhere() throws Exception {
    Dog dog = new Dog();
    dog.name = "rex";
    dog.barks = true;
    JsonObject top = JsonParser.parseString(c.write(dog, Animal.class)).getAsJsonObject();
    assertTrue(top.get("barks").getAsBoolean());
    assertEquals("rex", top.get("name").getAsString());
    JsonObject kennel =
        JsonParser.parseString(c.write(new Kennel(dog, List.of(dog)), Kennel.class))
            .getAsJsonObject();
    assertEquals(top, kennel.get("resident"));
    assertEquals(top, kennel.getAsJsonArray("guests").get(0));

    Object read = c.read("{\"name\":\"rex\",\"barks\":true}", Animal.class);
    assertEquals(Animal.class, read.getClass(), "reading stays with the declared class");
  }

  @Test
  void classesWithoutANoArgumentConstructorAreWrittenButNotCreated() throws Exception {
    assertEquals(
        "{\"value\":\"v\"}", c.write(new NoDefaultConstructor("v"), NoDefaultConstructor.class));
    ConversionException e =
        assertThrows(
            ConversionException.class,
            () -> c.read("{\"value\":\"v\"}", NoDefaultConstructor.class));
    assertEquals("cannot accept a value: its type cannot be created from JSON", e.getMessage());
    assertTrue(e.getCause().getMessage().contains("no no-argument constructor"));
    assertEquals(
        "cannot accept a value: its type cannot be created from JSON",
        c.refusal("{}", Inner.class));
  }

  @Test
  void platformClassesAreNotTakenApartFieldByField() {
    assertThrows(JsonIOException.class, () -> c.write(Thread.currentThread(), null));
    assertThrows(JsonIOException.class, () -> c.converter().reader(Thread.class));
  }

  @Test
  void objectsWrittenAsObjectUseTheirRuntimeClass() throws Exception {
    assertEquals("{\"name\":\"a\",\"age\":1}", c.write(new Person("a", 1), Object.class));
    assertEquals("{\"name\":\"a\",\"age\":1}", c.write(new Person("a", 1), null));
    Object read = c.read("{\"name\":\"a\",\"age\":1}", Object.class);
    assertInstanceOf(Map.class, read);
    assertFalse(read instanceof Person);
  }
}

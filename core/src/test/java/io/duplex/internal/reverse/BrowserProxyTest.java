package io.duplex.internal.reverse;

import static io.duplex.internal.reverse.TestPages.calls;
import static io.duplex.internal.reverse.TestPages.json;
import static io.duplex.internal.reverse.TestPages.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.Browser;
import io.duplex.internal.reverse.fixtures.AnimalShows;
import io.duplex.internal.reverse.fixtures.BadName;
import io.duplex.internal.reverse.fixtures.ChatPage;
import io.duplex.internal.reverse.fixtures.Dog;
import io.duplex.internal.reverse.fixtures.Hidden;
import io.duplex.internal.reverse.fixtures.IsolatedPage;
import io.duplex.internal.reverse.fixtures.Message;
import io.duplex.internal.reverse.fixtures.NotVoid;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BrowserProxyTest {
  /** A proxied interface taking a value whose conversions are counted. */
  public interface Wall {
    void post(Counted value);
  }

  private final TestPages pages = new TestPages(b -> b, Counted.ADAPTER);
  private final Browser browser = pages.manager.browser();
  private final ScriptSessionImpl chat = pages.open("/chat.html");
  private final ScriptSessionImpl other = pages.open("/other.html");

  @AfterEach
  void close() {
    pages.close();
  }

  @Test
  void methodCallsBecomeCallsOfTheNamedFunctions() {
    ChatPage page = browser.page("/chat.html").proxy(ChatPage.class);

    page.add(new Message("ann", "hi"));
    page.clear();
    page.refresh();

    List<String> entries = calls(chat, 0).stream().map(Object::toString).toList();
    assertEquals(
        List.of(
            parse("{\"seq\":1,\"fn\":\"app.chat.add\",\"args\":[{\"from\":\"ann\",\"text\":\"hi\"}]}").toString(),
            parse("{\"seq\":2,\"fn\":\"app.chat.clearAll\",\"args\":[]}").toString(),
            parse("{\"seq\":3,\"fn\":\"app.chat.ui.refresh\",\"args\":[]}").toString()),
        entries);
    assertEquals(0, calls(other, 0).size());
  }

  @Test
  void primitiveAndArrayArgumentsAreConverted() {
    ChatPage page = browser.page("/chat.html").proxy(ChatPage.class);

    page.move(3, 2.5, true, 7L, 'k');
    page.tag("a", "b");

    List<com.google.gson.JsonObject> entries = calls(chat, 0);
    assertEquals(json("[3,2.5,true,7,\"k\"]"), entries.get(0).get("args"));
    assertEquals(json("[[\"a\",\"b\"]]"), entries.get(1).get("args"));
  }

  @Test
  void aSubclassArgumentLooksTheSameThroughAProxyAndAnUntypedCall() {
    // The converter writes a value by its own class wherever it appears (protocol 3.2), so a Dog
    // passed where an Animal is declared keeps its breed (its public fields are its surface).
    Dog rex = new Dog("rex", "lab");

    browser.page("/chat.html").proxy(ChatPage.class).pet(rex);
    browser.page("/chat.html").call("pet", rex);

    List<com.google.gson.JsonObject> entries = calls(chat, 0);
    assertEquals(json("[{\"breed\":\"lab\",\"name\":\"rex\"}]"), entries.get(0).get("args"), "declared type Animal");
    assertEquals(json("[{\"breed\":\"lab\",\"name\":\"rex\"}]"), entries.get(1).get("args"), "runtime type Dog");
  }

  @Test
  void genericParametersAreResolvedAgainstTheProxiedInterface() {
    AnimalShows shows = chat.target().proxy(AnimalShows.class);

    shows.show(new Dog("rex", "lab"));

    var entry = calls(chat, 0).get(0);
    assertEquals("show", entry.get("fn").getAsString(), "no @ScriptName: the bare method name");
    assertEquals(json("[{\"breed\":\"lab\",\"name\":\"rex\"}]"), entry.get("args"));
  }

  @Test
  void defaultMethodsRunTheirJavaBody() {
    ChatPage page = chat.target().proxy(ChatPage.class);

    page.addAll(List.of(new Message("a", "1"), new Message("b", "2")));

    assertEquals(
        List.of("app.chat.add", "app.chat.add"),
        calls(chat, 0).stream().map(c -> c.get("fn").getAsString()).toList());
  }

  @Test
  void proxyTargetsArePagesMatchingAtEachCall() {
    ChatPage page = browser.page("/chat.html").proxy(ChatPage.class);
    page.clear();
    ScriptSessionImpl late = pages.open("/chat.html");

    page.clear();

    assertEquals(2, calls(chat, 0).size());
    assertEquals(1, calls(late, 0).size());
  }

  @Test
  void argumentsOfAProxyBroadcastAreConvertedOnce() {
    for (int i = 0; i < 300; i++) {
      pages.open("/wall.html");
    }
    Counted.CONVERSIONS.set(0);

    browser.page("/wall.html").proxy(Wall.class).post(new Counted("x"));

    assertEquals(1, Counted.CONVERSIONS.get());
    assertEquals(300, browser.page("/wall.html").filter(s -> s.queueStats().depth() == 1).count());
  }

  @Test
  void objectMethodsBehaveLikeAnObject() {
    ChatPage one = browser.page("/chat.html").proxy(ChatPage.class);
    ChatPage two = browser.page("/chat.html").proxy(ChatPage.class);

    assertTrue(one.toString().contains(ChatPage.class.getName()), one.toString());
    assertTrue(one.toString().contains("page=/chat.html"), one.toString());
    assertEquals(one, one);
    assertNotEquals(one, two);
    assertEquals(one.hashCode(), one.hashCode());
    assertEquals(0, chat.queueStats().lastSeq(), "no browser call was made");
  }

  @Test
  void publicInterfaceGetsOneJavassistClassInItsOwnPackage() {
    ChatPage one = browser.proxy(ChatPage.class);
    ChatPage two = other.target().proxy(ChatPage.class);

    assertFalse(Proxy.isProxyClass(one.getClass()));
    assertEquals(ChatPage.class.getPackageName(), one.getClass().getPackageName());
    assertSame(one.getClass(), two.getClass());
    assertEquals(ProxyDefinition.INTERFACE_PACKAGE, ProxyType.of(ChatPage.class).proxyClass().definition());
    try (TestPages elsewhere = new TestPages()) {
      assertSame(one.getClass(), elsewhere.manager.browser().proxy(ChatPage.class).getClass());
    }
  }

  @Test
  void packagePrivateInterfaceIsGeneratedInItsPackage() throws Exception {
    Class<?> hidden = Hidden.pageType();
    Object proxy = chat.target().proxy(hidden);

    var hide = hidden.getDeclaredMethod("hide", String.class);
    hide.setAccessible(true);
    hide.invoke(proxy, "test");

    assertEquals(hidden.getPackageName(), proxy.getClass().getPackageName());
    assertFalse(Proxy.isProxyClass(proxy.getClass()));
    assertEquals(json("[\"test\"]"), calls(chat, 0).get(0).get("args"));
  }

  @Test
  void interfaceOfAPackageDuplexCannotDefineIntoIsGeneratedNextToDuplex() {
    Runnable proxy = chat.target().proxy(Runnable.class);

    proxy.run();

    assertEquals(ProxyDispatch.class.getPackageName(), proxy.getClass().getPackageName());
    assertFalse(Proxy.isProxyClass(proxy.getClass()));
    assertEquals(ProxyDefinition.DUPLEX_PACKAGE, ProxyType.of(Runnable.class).proxyClass().definition());
    assertEquals("run", calls(chat, 0).get(0).get("fn").getAsString());
  }

  @Test
  void interfaceThatCannotSeeDuplexFallsBackToReflection() throws Exception {
    URL testClasses = IsolatedPage.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader isolated = new URLClassLoader(new URL[] {testClasses}, ClassLoader.getPlatformClassLoader())) {
      Class<?> type = isolated.loadClass(IsolatedPage.class.getName());
      Object proxy = chat.target().proxy(type);

      type.getMethod("show", String.class).invoke(proxy, "one");
      type.getMethod("twice", String.class).invoke(proxy, "two");

      assertTrue(Proxy.isProxyClass(proxy.getClass()));
      assertEquals(ProxyDefinition.REFLECTION, ProxyType.of(type).proxyClass().definition());
      assertEquals(
          List.of("[\"one\"]", "[\"two\"]", "[\"two\"]"),
          calls(chat, 0).stream().map(c -> c.get("args").toString()).toList());
      assertTrue(proxy.toString().contains(IsolatedPage.class.getName()));
      assertEquals(proxy, proxy);
    }
  }

  /** Proxy methods declared int return how many pages the call reached. */
  public interface CountedChat {
    int add(String text);

    void clear();
  }

  @Test
  void intMethodsReturnHowManyPagesTheCallReached() {
    pages.open("/chat.html");

    assertEquals(2, browser.page("/chat.html").proxy(CountedChat.class).add("hi"));
    assertEquals(0, browser.page("/chta.html").proxy(CountedChat.class).add("typo"));
    browser.page("/chat.html").proxy(CountedChat.class).clear();
    assertEquals(2, calls(chat, 0).size());
  }

  @Test
  void reflectiveProxiesReturnTheCountToo() throws Exception {
    URL testClasses = IsolatedPage.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader isolated = new URLClassLoader(new URL[] {testClasses}, ClassLoader.getPlatformClassLoader())) {
      Class<?> type = isolated.loadClass(IsolatedPage.class.getName());
      Object proxy = browser.page("/chat.html").proxy(type);

      assertEquals(1, type.getMethod("counted", String.class).invoke(proxy, "one"));
      assertTrue(Proxy.isProxyClass(proxy.getClass()));
    }
  }

  @Test
  void onlyInterfacesCanBeProxied() {
    assertThrows(IllegalArgumentException.class, () -> browser.proxy(Message.class));
    assertThrows(IllegalArgumentException.class, () -> browser.proxy(String.class));
    assertThrows(IllegalArgumentException.class, () -> browser.proxy(Deprecated.class));
  }

  @Test
  void methodsMustReturnVoid() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> browser.proxy(NotVoid.class));
    assertTrue(error.getMessage().contains("NotVoid.name"), error.getMessage());
  }

  @Test
  void scriptNamesAreValidated() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> browser.proxy(BadName.class));
    assertTrue(error.getMessage().contains("BadName.sneaky"), error.getMessage());
  }
}

package io.duplex.internal.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageNormalisationTest {
  private final TestPages pages = new TestPages();
  private final TestPages withQuery = new TestPages(b -> b.pageIncludesQuery(true));

  @AfterEach
  void close() {
    pages.close();
    withQuery.close();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/chat.html|/chat.html",
        "/chat.html?room=1|/chat.html",
        "/chat.html;jsessionid=ABC123?room=1|/chat.html",
        "/chat.html;JSESSIONID=ABC123|/chat.html",
        "/app;jsessionid=X/chat.html|/app/chat.html",
        "/a;jsessionid=1;jsessionid=2|/a",
        "//app///chat.html|/app/chat.html",
        "/chat.html#top|/chat.html",
        "''|/",
        "?q=1|/",
        "chat.html|/chat.html",
        "/shop/;v=2|/shop/;v=2",
      })
  void pathsAreNormalised(String raw, String expected) {
    assertEquals(expected, pages.manager.normalisePage(raw));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/chat.html?room=1|/chat.html?room=1",
        "/chat.html;jsessionid=A?room=1|/chat.html?room=1",
        "//chat.html?next=//x|/chat.html?next=//x",
        "/chat.html?|/chat.html",
        "''|/",
      })
  void queryIsKeptWhenConfigured(String raw, String expected) {
    assertEquals(expected, withQuery.manager.normalisePage(raw));
  }

  @Test
  void nullIsTheRootPage() {
    assertEquals("/", pages.manager.normalisePage(null));
  }

  @Test
  void sessionsCarryTheNormalisedPage() {
    assertEquals("/chat.html", pages.open("//chat.html;jsessionid=Q?room=2").page());
    assertEquals("/chat.html?room=2", withQuery.open("//chat.html;jsessionid=Q?room=2").page());
  }
}

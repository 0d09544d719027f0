package io.duplex.samples.spring;

import io.duplex.Browser;
import io.duplex.ClientVisible;
import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import org.springframework.stereotype.Service;

/**
 * Called from the page as {@code Greeter.greet(name)}: a Spring bean with its dependencies
 * injected, exposed by the starter because its class is annotated {@code @RemoteService}. It also
 * tells every open page who was greeted, through the injected {@link Browser}.
 */
@Service
@RemoteService(name = "Greeter")
public class Greeter {
  private final Visitors visitors;
  private final Browser browser;

  public Greeter(Visitors visitors, Browser browser) {
    this.visitors = visitors;
    this.browser = browser;
  }

  @RemoteMethod
  public String greet(String name) {
    String trimmed = name == null ? "" : name.trim();
    if (trimmed.isEmpty() || trimmed.length() > 40) {
      throw new NameRefused();
    }
    int visitor = visitors.arrive();
    browser.proxy(ClockPage.class).greeted(trimmed, visitor);
    return "Hello, " + trimmed + ", visitor number " + visitor;
  }

  /** Reaches the page as error code NAME_REFUSED. */
  @ClientVisible(code = "NAME_REFUSED")
  public static class NameRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NameRefused() {
      super("Give a name of 1 to 40 characters");
    }
  }
}

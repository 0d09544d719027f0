package io.duplex.spring.app;

import io.duplex.CallContext;
import io.duplex.Duplex;
import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import org.springframework.stereotype.Service;

/** An exposed Spring bean with an injected dependency and the Duplex it is exposed by. */
@Service
@RemoteService(name = "Greeter")
public class Greeter {
  private final Greetings greetings;
  private final Duplex duplex;

  public Greeter(Greetings greetings, Duplex duplex) {
    this.greetings = greetings;
    this.duplex = duplex;
  }

  @RemoteMethod
  public String greet(String name) {
    return greetings.greet(name);
  }

  /** The signed-in user's name as Duplex sees it, or null. */
  @RemoteMethod
  public String user(CallContext call) {
    return call.user() == null ? null : call.user().getName();
  }

  @RemoteMethod(roles = "admin")
  public String adminOnly(CallContext call) {
    return "admin " + call.user().getName();
  }

  /** Pushes {@code text} to every news page through the injected Duplex. */
  @RemoteMethod
  public void announce(String text) {
    duplex.browser().page("/news.html").call("news.show", text);
  }
}

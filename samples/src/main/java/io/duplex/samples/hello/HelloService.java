package io.duplex.samples.hello;

import io.duplex.ClientVisible;
import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/** The hello demo: the smallest forward calls, one of them asynchronous, one failing on purpose. */
@RemoteService(name = "Hello")
public class HelloService {
  /** A name the browser may be told is wrong. */
  @ClientVisible(code = "NAME_REQUIRED")
  public static final class NameRequired extends RuntimeException {
    public NameRequired() {
      super("Please type a name first");
    }
  }

  @RemoteMethod
  public String greet(String name) {
    if (name == null || name.isBlank()) {
      throw new NameRequired();
    }
    return greet(name, "Hello");
  }

  /** An overload, as DWR-era services often have: {@code Hello.greet("Ada", cb)} still calls greet(name). */
  @RemoteMethod
  public String greet(String name, String greeting) {
    if (name == null || name.isBlank()) {
      throw new NameRequired();
    }
    return (greeting == null || greeting.isBlank() ? "Hello" : greeting.strip()) + ", " + name.strip() + "!";
  }

  @RemoteMethod
  public int add(int a, int b) {
    return Math.addExact(a, b);
  }

  /** Answers later without holding a server thread while it waits. */
  @RemoteMethod
  public CompletableFuture<String> greetLater(String name, int delayMillis) {
    int delay = Math.max(0, Math.min(delayMillis, 5_000));
    return CompletableFuture.supplyAsync(
        () -> greet(name), CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
  }
}

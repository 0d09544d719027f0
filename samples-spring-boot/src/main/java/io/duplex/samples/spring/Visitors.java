package io.duplex.samples.spring;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** Counts greetings: a plain bean {@link Greeter} has injected. */
@Component
public class Visitors {
  private final AtomicInteger count = new AtomicInteger();

  public int arrive() {
    return count.incrementAndGet();
  }
}

package io.duplex.spring.app;

import org.springframework.stereotype.Component;

/** A plain bean the exposed service depends on. */
@Component
public class Greetings {
  public String greet(String name) {
    return "Hello, " + name;
  }
}

package io.duplex.samples;

import io.duplex.Duplex;
import io.duplex.samples.hello.HelloService;

/** Every demo's services and background simulators, wired into one Duplex. */
public final class Demos implements AutoCloseable {
  Duplex.Builder configure(Duplex.Builder builder) {
    return builder.expose(HelloService.class);
  }

  void start(Duplex duplex) {}

  @Override
  public void close() {}
}

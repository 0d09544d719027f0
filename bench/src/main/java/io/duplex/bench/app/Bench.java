package io.duplex.bench.app;

import io.duplex.RemoteMethod;
import io.duplex.RemoteService;

/** The exposed service the forward-call workloads call. */
@RemoteService(name = "Bench")
public class Bench {
  @RemoteMethod
  public String echo(String text) {
    return text;
  }
}

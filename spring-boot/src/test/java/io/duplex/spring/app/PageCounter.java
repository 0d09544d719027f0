package io.duplex.spring.app;

import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import org.springframework.stereotype.Component;

/** A prototype bean: Duplex keeps one instance per page, as its @RemoteService scope says. */
@Component
@org.springframework.context.annotation.Scope("prototype")
@RemoteService(name = "PageCounter", scope = io.duplex.Scope.SCRIPT_SESSION)
public class PageCounter {
  private int count;

  @RemoteMethod
  public synchronized int next() {
    return ++count;
  }
}

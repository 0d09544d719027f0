package io.duplex.spring.badscope;

import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import io.duplex.Scope;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/** A singleton bean that says it is per page: startup must refuse it. */
@SpringBootApplication
public class BadScopeApplication {
  @Component
  @RemoteService(name = "PerPage", scope = Scope.SCRIPT_SESSION)
  public static class PerPage {
    @RemoteMethod
    public int one() {
      return 1;
    }
  }
}

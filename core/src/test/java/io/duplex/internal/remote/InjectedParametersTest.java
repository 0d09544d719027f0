package io.duplex.internal.remote;

import static io.duplex.internal.remote.Calls.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.duplex.CallContext;
import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Container and context parameters are filled by the server and are not JavaScript arguments. */
class InjectedParametersTest {

  @RemoteService(name = "Who")
  public static class WhoService {
    @RemoteMethod
    public String greet(HttpServletRequest request, String name, CallContext context) {
      return name + " from " + request.getRemoteAddr() + " as " + context.user().getName();
    }

    @RemoteMethod
    public String session(HttpSession session) {
      return session == null ? "no session" : session.getId();
    }

    @RemoteMethod
    public String plainRequest(ServletRequest request) {
      return request.getRemoteAddr();
    }

    @RemoteMethod
    public String page(CallContext context) {
      return context.page() + " " + (CallContext.current() == context);
    }
  }

  private final Calls calls = Calls.of(WhoService.class);

  private static HttpServletRequest request(String address) {
    return new HttpServletRequest() {
      @Override public String getHeader(String name) { return null; }

      @Override public String getRemoteAddr() { return address; }
    };
  }

  @Test
  void injectedParametersAreLeftOutOfTheSignature() {
    assertEquals(
        Map.of("greet", List.of("name"), "session", List.of(), "plainRequest", List.of(), "page", List.of()),
        calls.registry().service("Who").orElseThrow().jsSignature());
  }

  @Test
  void containerObjectsAndTheCallContextAreInjected() {
    InvocationContext context =
        TestContext.user("ann").inject(HttpServletRequest.class, request("10.0.0.1")).build();
    assertEquals("bob from 10.0.0.1 as ann", value(calls.call(context, "Who", "greet", "[\"bob\"]")));
  }

  @Test
  void aSupertypeParameterReceivesTheTransportsObject() {
    InvocationContext context = TestContext.anonymous().inject(HttpServletRequest.class, request("10.0.0.2")).build();
    assertEquals("10.0.0.2", value(calls.call(context, "Who", "plainRequest", "[]")));
  }

  @Test
  void missingContainerObjectIsInjectedAsNull() {
    assertEquals("no session", value(calls.call("Who", "session", "[]")));
    HttpSession session = () -> "s-42";
    InvocationContext context = TestContext.anonymous().inject(HttpSession.class, session).build();
    assertEquals("s-42", value(calls.call(context, "Who", "session", "[]")));
  }

  @Test
  void callContextIsTheCurrentCallAndKnowsThePage() {
    assertEquals("/test.html true", value(calls.call("Who", "page", "[]")));
  }
}

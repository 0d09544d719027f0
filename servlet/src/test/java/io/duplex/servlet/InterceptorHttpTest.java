package io.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonObject;
import io.duplex.Duplex;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An interceptor's refusal reaches the page as the call's error; its audit sees the calling page. */
class InterceptorHttpTest {
  private final List<String> audit = new CopyOnWriteArrayList<>();
  private Duplex duplex;
  private TestServer server;

  @BeforeEach
  void start() {
    duplex =
        Duplex.builder()
            .expose(TestServices.Echo.class)
            .intercept(chain -> {
              audit.add(chain.context().page() + " " + chain.service() + "." + chain.method() + chain.arguments());
              return chain.proceed();
            })
            .intercept(chain -> {
              Object text = chain.arguments().isEmpty() ? null : chain.arguments().get(0);
              if ("secret".equals(text)) {
                throw new TestServices.Visible("not for you");
              }
              if ("crash".equals(text)) {
                throw new IllegalStateException("audit database password is hunter2");
              }
              return chain.proceed();
            })
            .build();
    server = TestServer.start(duplex);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    duplex.close();
  }

  @Test
  void refusalsAndFailuresFromInterceptorsReachThePageWithTheUsualMapping() {
    DuplexTestClient page = server.client().handshake("/chat.html");

    assertEquals("hello", page.value("Echo", "echo", "hello").getAsString());
    JsonObject refused = page.call("Echo", "echo", "secret").getAsJsonObject("error");
    assertEquals("APPLICATION_ERROR", refused.get("code").getAsString());
    assertEquals("not for you", refused.get("message").getAsString());
    JsonObject crashed = page.call("Echo", "echo", "crash").getAsJsonObject("error");
    assertEquals("SERVER_ERROR", crashed.get("code").getAsString());
    assertFalse(crashed.toString().contains("hunter2"), crashed.toString());

    assertEquals(
        List.of("/chat.html Echo.echo[hello]", "/chat.html Echo.echo[secret]", "/chat.html Echo.echo[crash]"), audit);
  }
}

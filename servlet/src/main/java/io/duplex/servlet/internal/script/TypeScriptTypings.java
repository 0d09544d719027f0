package io.duplex.servlet.internal.script;

import io.duplex.Typings;
import io.duplex.internal.protocol.ErrorCode;
import io.duplex.internal.protocol.ProtocolException;
import io.duplex.internal.remote.ServiceRegistry;
import io.duplex.internal.reverse.ScriptSessionManager;
import io.duplex.internal.typescript.TypeScriptWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code GET {base}/types/<Name>.d.ts}, served only with {@code debug} on: the TypeScript typings of
 * an exposed service, of a page interface the application made a proxy of (by simple name), or of
 * the engine ({@code engine.d.ts}). Made on each request: a development aid, not a hot path.
 */
public final class TypeScriptTypings {
  public static final String CONTENT_TYPE = "application/typescript; charset=utf-8";

  private final ServiceRegistry registry;
  private final ScriptSessionManager sessions;

  public TypeScriptTypings(ServiceRegistry registry, ScriptSessionManager sessions) {
    this.registry = registry;
    this.sessions = sessions;
  }

  /** {@code name} is the part of the path after {@code types/}, e.g. {@code Chat.d.ts}. */
  public void serve(HttpServletResponse response, String name, boolean head) throws IOException {
    if (!name.endsWith(".d.ts") || name.indexOf('/') >= 0) {
      throw Scripts.notFound();
    }
    String text = typings(name.substring(0, name.length() - ".d.ts".length()))
        .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "No typings are known as '" + name + "'"));
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    response.setStatus(HttpServletResponse.SC_OK);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType(CONTENT_TYPE);
    response.setContentLength(bytes.length);
    if (!head) {
      response.getOutputStream().write(bytes);
    }
  }

  private Optional<String> typings(String name) {
    if (name.equals("engine")) {
      return Typings.engine();
    }
    Optional<String> service = registry.service(name).map(TypeScriptWriter::service);
    if (service.isPresent()) {
      return service;
    }
    return sessions.pageTypes().stream()
        .filter(type -> type.getSimpleName().equals(name))
        .findFirst()
        .map(TypeScriptWriter::page);
  }
}

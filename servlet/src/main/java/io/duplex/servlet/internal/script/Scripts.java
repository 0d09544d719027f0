package io.duplex.servlet.internal.script;

import io.duplex.internal.protocol.ErrorCode;
import io.duplex.internal.protocol.ProtocolException;
import io.duplex.internal.remote.ServiceDefinition;
import io.duplex.internal.remote.ServiceRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GET endpoints: the engine (from the js-client jar's resources) and generated interface stubs,
 * both held in memory once made.
 */
public final class Scripts {
  private static final Logger LOG = LoggerFactory.getLogger(Scripts.class);
  public static final String ENGINE_JS = "io/duplex/js/engine.js";
  public static final String ENGINE_MJS = "io/duplex/js/engine.mjs";

  private final CachedScript engine;
  private final CachedScript engineModule;
  private final ServiceRegistry registry;
  /** Keyed by base and service name; only exposed services get in, so its size is bounded. */
  private final ConcurrentMap<String, CachedScript> interfaces = new ConcurrentHashMap<>();

  public Scripts(ServiceRegistry registry) {
    this.registry = registry;
    this.engine = load(ENGINE_JS);
    this.engineModule = load(ENGINE_MJS);
  }

  public void engine(HttpServletRequest request, HttpServletResponse response, boolean module, boolean head)
      throws IOException {
    CachedScript script = module ? engineModule : engine;
    if (script == null) {
      throw new ProtocolException(ErrorCode.NOT_FOUND, "The engine script is not on the server's classpath");
    }
    script.serve(request, response, head);
  }

  /** {@code name} is the part of the path after {@code interface/}, e.g. {@code Chat.js}. */
  public void service(HttpServletRequest request, HttpServletResponse response, String name, boolean head)
      throws IOException {
    if (!name.endsWith(".js") || name.indexOf('/') >= 0) {
      throw notFound();
    }
    String service = name.substring(0, name.length() - 3);
    String base = request.getContextPath() + request.getServletPath();
    String key = base + '\n' + service;
    CachedScript script = interfaces.get(key);
    if (script == null) {
      Optional<ServiceDefinition> definition = registry.service(service);
      if (definition.isEmpty()) {
        throw new ProtocolException(ErrorCode.NOT_FOUND, "No service is exposed as '" + service + "'");
      }
      script = new CachedScript(definition.get().interfaceScript(base).getBytes(StandardCharsets.UTF_8));
      interfaces.putIfAbsent(key, script);
    }
    script.serve(request, response, head);
  }

  public static ProtocolException notFound() {
    return new ProtocolException(ErrorCode.NOT_FOUND, "No such Duplex endpoint");
  }

  private static CachedScript load(String resource) {
    ClassLoader loader = Scripts.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        LOG.warn("{} is missing from the classpath (is duplex-js-client there?); it will answer 404", resource);
        return null;
      }
      return new CachedScript(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }
}

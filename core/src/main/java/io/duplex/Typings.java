package io.duplex;

import io.duplex.internal.DuplexRuntime;
import io.duplex.internal.remote.ServiceDefinition;
import io.duplex.internal.typescript.TypeScriptWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * TypeScript declaration files ({@code .d.ts}) for the browser side: one per exposed service (its
 * global object, e.g. {@code Chat.send(text: string): Promise<Message>}), one per page interface
 * (the functions a page must provide, checked by {@code duplex.expose}), and the engine's own
 * ({@code engine.d.ts}). Types follow the wire (protocol section 3.2): a {@code long} is
 * {@code number | string}, a {@code BigDecimal} a {@code string}, records and beans interfaces of
 * what the server sends, enums string unions.
 *
 * <p>As a build step: {@code java -cp <app and Duplex jars> io.duplex.Typings --service
 * com.example.ChatService --page com.example.ChatPage --out src/types}.
 */
public final class Typings {
  /** Where the js-client jar keeps the engine's typings. */
  public static final String ENGINE_RESOURCE = "io/duplex/js/engine.d.ts";

  private Typings() {}

  /**
   * @param duplex a built Duplex
   * @param serviceName an exposed service's name, e.g. {@code Chat}
   * @return the service's {@code .d.ts}
   * @throws IllegalArgumentException when no service is exposed under that name
   */
  public static String service(Duplex duplex, String serviceName) {
    ServiceDefinition service =
        DuplexRuntime.of(duplex)
            .registry()
            .service(serviceName)
            .orElseThrow(() -> new IllegalArgumentException("No service is exposed as \"" + serviceName + "\""));
    return TypeScriptWriter.service(service);
  }

  /**
   * @param pageInterface an interface used with {@code browser().proxy(pageInterface)}
   * @return its {@code .d.ts}
   * @throws IllegalArgumentException when the interface cannot be a page proxy, with the reason
   */
  public static String page(Class<?> pageInterface) {
    return TypeScriptWriter.page(pageInterface);
  }

  /**
   * @return the engine's {@code engine.d.ts}, when duplex-js-client is on the classpath
   */
  public static Optional<String> engine() {
    try (InputStream in = Typings.class.getClassLoader().getResourceAsStream(ENGINE_RESOURCE)) {
      return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + ENGINE_RESOURCE, e);
    }
  }

  /**
   * Writes {@code <Service>.d.ts} for every service of {@code duplex}, {@code <Interface>.d.ts} for
   * every page interface and {@code engine.d.ts} (when on the classpath) into {@code dir}.
   *
   * @param duplex a built Duplex
   * @param pageInterfaces the page interfaces
   * @param dir the output directory, created if missing
   * @return the files written
   * @throws IOException when a file cannot be written
   * @throws IllegalArgumentException when two of them would have the same file name (nothing is
   *     written then)
   */
  public static List<Path> write(Duplex duplex, Collection<Class<?>> pageInterfaces, Path dir) throws IOException {
    // File name -> what it is written from; every name is checked before anything is written, so a
    // clash (a page interface named like a service, two nested interfaces of the same simple name)
    // is refused instead of one file silently replacing the other.
    Map<String, String> sources = new LinkedHashMap<>();
    Map<String, Supplier<String>> contents = new LinkedHashMap<>();
    for (ServiceDefinition service : DuplexRuntime.of(duplex).registry().services()) {
      claim(sources, contents, service.name() + ".d.ts", "service " + service.name(), () -> TypeScriptWriter.service(service));
    }
    for (Class<?> page : pageInterfaces) {
      claim(sources, contents, page.getSimpleName() + ".d.ts", "page interface " + page.getName(), () -> page(page));
    }
    Optional<String> engine = engine();
    if (engine.isPresent()) {
      claim(sources, contents, "engine.d.ts", "the engine", engine::get);
    }
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, Supplier<String>> file : contents.entrySet()) {
      written.add(Files.writeString(dir.resolve(file.getKey()), file.getValue().get()));
    }
    return written;
  }

  private static void claim(
      Map<String, String> sources, Map<String, Supplier<String>> contents, String file, String source, Supplier<String> text) {
    String earlier = sources.putIfAbsent(file, source);
    if (earlier != null) {
      throw new IllegalArgumentException(
          "Both " + earlier + " and " + source + " would be written to " + file
              + "; rename one of them or write them into different directories");
    }
    contents.put(file, text);
  }

  /**
   * The command: {@code --service <class>} (a {@link RemoteService} class; repeatable),
   * {@code --page <interface>} (repeatable), {@code --out <dir>}. No service instance is made.
   *
   * @param args the command line
   * @throws Exception when a class is missing or a file cannot be written
   */
  public static void main(String[] args) throws Exception {
    Duplex.Builder builder = Duplex.builder();
    List<Class<?>> pages = new ArrayList<>();
    Path out = null;
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--service" -> builder.expose(Class.forName(require(args[i], value), false, loader), neverMade());
        case "--page" -> pages.add(Class.forName(require(args[i], value), false, loader));
        case "--out" -> out = Path.of(require(args[i], value));
        default -> throw new IllegalArgumentException(
            "Unknown argument " + args[i] + "; use --service <class> --page <interface> --out <dir>");
      }
      i++;
    }
    if (out == null) {
      throw new IllegalArgumentException("--out <dir> is missing");
    }
    try (Duplex duplex = builder.build()) {
      for (Path file : write(duplex, pages, out)) {
        System.out.println(file);
      }
    }
  }

  private static String require(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Supplier neverMade() {
    return () -> {
      throw new IllegalStateException("Typings never call a service");
    };
  }
}

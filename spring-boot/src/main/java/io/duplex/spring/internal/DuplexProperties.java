package io.duplex.spring.internal;

import io.duplex.ConfigBuilder;
import io.duplex.Duplex;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The {@code duplex.*} properties: {@code duplex.path} for the starter, every other name is a Duplex
 * setting applied by name with {@link ConfigBuilder#set}, so each setting (now and later) works
 * without being listed here. Names are matched the way Spring Boot binds names: {@code
 * duplex.max-body-bytes}, {@code duplex.maxBodyBytes} and {@code DUPLEX_MAXBODYBYTES} are one
 * setting. An unknown name fails startup, as an unknown init-param does.
 */
public final class DuplexProperties {
  public static final String PREFIX = "duplex";
  public static final String PATH = "path";
  public static final String DEFAULT_PATH = "/duplex";

  /** A list element as Spring's map binding names it: {@code allowed-origins.0} or {@code allowed-origins[0]}. */
  private static final Pattern INDEXED = Pattern.compile("^(.*?)(?:\\[(\\d+)]|\\.(\\d+))$");

  private final String path;
  /** Setting name (as ConfigBuilder spells it) to value, lists joined with commas. */
  private final Map<String, String> settings;

  private DuplexProperties(String path, Map<String, String> settings) {
    this.path = path;
    this.settings = settings;
  }

  /** @throws DuplexPropertyException for an unknown name or a bad path */
  public static DuplexProperties bind(Environment environment) {
    Map<String, String> raw =
        Binder.get(environment).bind(PREFIX, Bindable.mapOf(String.class, String.class)).orElse(Map.of());
    Map<String, String> canonical = new TreeMap<>();
    canonical.put(normalise(PATH), PATH);
    for (String name : ConfigBuilder.NAMES) {
      canonical.put(normalise(name), name);
    }
    // A YAML list arrives as indexed keys (allowed-origins.0, .1...): join them in index order.
    Map<String, TreeMap<Integer, String>> lists = new LinkedHashMap<>();
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : raw.entrySet()) {
      String key = entry.getKey();
      Matcher indexed = INDEXED.matcher(key);
      String base = indexed.matches() ? indexed.group(1) : key;
      String name = canonical.get(normalise(base));
      if (name == null) {
        throw new DuplexPropertyException(
            PREFIX + "." + base,
            "Unknown Duplex property '" + PREFIX + "." + base + "'; known properties: " + known(),
            "Remove '" + PREFIX + "." + base + "' or correct it to one of the known Duplex properties");
      }
      if (indexed.matches()) {
        String index = indexed.group(2) != null ? indexed.group(2) : indexed.group(3);
        lists.computeIfAbsent(name, k -> new TreeMap<>()).put(Integer.parseInt(index), entry.getValue());
      } else {
        values.put(name, entry.getValue());
      }
    }
    lists.forEach((name, items) -> values.put(name, String.join(",", items.values())));
    String path = checkPath(values.getOrDefault(PATH, DEFAULT_PATH));
    values.remove(PATH);
    return new DuplexProperties(path, values);
  }

  /** The path the servlet serves under, e.g. {@code /duplex}: it is mapped at {@code path + "/*"}. */
  public String path() {
    return path;
  }

  /**
   * Fails when there are settings: for a Duplex the starter did not build, they would be ignored.
   *
   * @throws DuplexPropertyException naming the first setting
   */
  public void requireNoSettings() {
    for (String name : settings.keySet()) {
      String property = PREFIX + "." + kebab(name);
      throw new DuplexPropertyException(
          property,
          "Duplex property '" + property + "' does not apply: the application defines its own Duplex bean",
          "Set '" + name + "' on the Duplex the application builds, or remove its Duplex bean");
    }
  }

  /** Applies every setting to the builder. @throws DuplexPropertyException for a bad value */
  public void applyTo(Duplex.Builder builder) {
    settings.forEach(
        (name, value) -> {
          try {
            builder.set(name, value);
          } catch (IllegalArgumentException e) {
            String property = PREFIX + "." + kebab(name);
            throw new DuplexPropertyException(
                property, "Duplex property '" + property + "': " + e.getMessage(), "Correct the value of '" + property + "'");
          }
        });
  }

  private static String checkPath(String value) {
    String path = value == null ? "" : value.trim();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (!path.startsWith("/") || path.contains("*") || path.contains("?") || path.contains("#")) {
      throw new DuplexPropertyException(
          PREFIX + "." + PATH,
          "Duplex property 'duplex.path' must be a path such as /duplex, got '" + value + "'",
          "Set 'duplex.path' to a path starting with '/' and without wildcards (the default is /duplex)");
    }
    return path;
  }

  private static String normalise(String name) {
    return name.replace("-", "").replace("_", "").replace(".", "").toLowerCase(Locale.ROOT);
  }

  private static TreeSet<String> known() {
    TreeSet<String> names = new TreeSet<>();
    names.add(PREFIX + "." + PATH);
    for (String name : ConfigBuilder.NAMES) {
      names.add(PREFIX + "." + kebab(name));
    }
    return names;
  }

  /** maxBodyBytes -> max-body-bytes, Spring Boot's canonical spelling. */
  static String kebab(String camel) {
    StringBuilder out = new StringBuilder();
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('-').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}

package io.duplex.servlet.internal;

import io.duplex.ConfigBuilder;
import io.duplex.Duplex;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import java.util.Collections;
import java.util.TreeSet;

/** Builds a {@link Duplex} from a servlet's init-params; any mistake fails startup. */
public final class InitParams {
  public static final String SERVICES = "services";

  private InitParams() {}

  public static Duplex build(ServletConfig config) throws ServletException {
    Duplex.Builder builder = Duplex.builder();
    for (String name : Collections.list(config.getInitParameterNames())) {
      String value = config.getInitParameter(name);
      if (name.equals(SERVICES)) {
        exposeServices(builder, value);
      } else if (ConfigBuilder.NAMES.contains(name)) {
        try {
          builder.set(name, value);
        } catch (IllegalArgumentException e) {
          throw new ServletException("DuplexServlet init-param '" + name + "': " + e.getMessage(), e);
        }
      } else {
        throw new ServletException(
            "Unknown DuplexServlet init-param '" + name + "'; known names: " + knownNames());
      }
    }
    try {
      return builder.build();
    } catch (RuntimeException e) {
      throw new ServletException("DuplexServlet could not expose its services: " + e.getMessage(), e);
    }
  }

  /** A servlet given its Duplex in code takes no settings from init-params; say so, not ignore them. */
  public static void requireNone(ServletConfig config) throws ServletException {
    var names = Collections.list(config.getInitParameterNames());
    if (!names.isEmpty()) {
      throw new ServletException(
          "DuplexServlet(Duplex) takes its services and settings from the Duplex; remove init-params "
              + names);
    }
  }

  private static TreeSet<String> knownNames() {
    TreeSet<String> names = new TreeSet<>(ConfigBuilder.NAMES);
    names.add(SERVICES);
    return names;
  }

  private static void exposeServices(Duplex.Builder builder, String value) throws ServletException {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = InitParams.class.getClassLoader();
    }
    for (String className : value == null ? new String[0] : value.split(",")) {
      String trimmed = className.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      Class<?> type;
      try {
        type = Class.forName(trimmed, true, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new ServletException("DuplexServlet init-param 'services': class " + trimmed + " not found", e);
      }
      try {
        builder.expose(type);
      } catch (IllegalArgumentException e) {
        throw new ServletException("DuplexServlet init-param 'services': " + e.getMessage(), e);
      }
    }
  }
}

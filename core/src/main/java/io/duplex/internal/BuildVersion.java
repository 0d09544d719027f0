package io.duplex.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The Duplex version, from {@code version.properties} next to this class, which the build fills
 * in. Reading a resource rather than only the jar manifest also works from an IDE or from {@code
 * target/classes}, where there is no manifest; the manifest's Implementation-Version is the
 * fallback for a copy whose resource was not filtered.
 */
public final class BuildVersion {
  private static final String VERSION = read();

  private BuildVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String read() {
    Properties properties = new Properties();
    try (InputStream in = BuildVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the Duplex version.properties", e);
    }
    String version = properties.getProperty("version", "").trim();
    if (!version.isEmpty() && !version.contains("${")) {
      return version;
    }
    String manifest = BuildVersion.class.getPackage().getImplementationVersion();
    return manifest != null ? manifest : "unknown";
  }
}

package io.duplex.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the report says about where it ran. */
record MachineInfo(String cpu, int cores, String memory, String os, String jvm, String pinning) {
  static MachineInfo collect(boolean pinned) {
    String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name", ':').orElse(System.getProperty("os.arch"));
    String memKb = firstValue(Path.of("/proc/meminfo"), "MemTotal", ':').orElse("");
    String memory = memKb.isEmpty() ? "?" : String.format("%.1f GiB", Long.parseLong(memKb.split("\\s+")[0]) / 1048576.0);
    String os = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME", '=').map(v -> v.replace("\"", "")).orElse(System.getProperty("os.name"))
        + ", kernel " + System.getProperty("os.version");
    String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + " (" + String.join(" ", Launcher.JVM_OPTIONS.subList(0, 2)) + ")";
    String pinning = pinned
        ? "server JVM on CPU 0, load-client JVM on CPU 1 (taskset); JMH on CPU 0"
        : "not pinned (no taskset): server and client share every CPU";
    return new MachineInfo(cpu, Runtime.getRuntime().availableProcessors(), memory, os, jvm, pinning);
  }

  private static java.util.Optional<String> firstValue(Path file, String key, char separator) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (String line : lines) {
        if (line.startsWith(key)) {
          int sep = line.indexOf(separator);
          return java.util.Optional.of(line.substring(sep + 1).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.empty();
  }
}

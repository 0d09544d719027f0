package io.duplex.bench.run;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts bench JVMs: the same java and jar as this process, -Xmx4g, pinned to one CPU with
 * {@code taskset} when it exists, with the open-files limit raised for thousands of connections.
 */
final class Launcher {
  /** The collectors {@code -Dduplex.bench.gc} may name, as in {@code -XX:+Use<name>}. */
  static final List<String> COLLECTORS = List.of("G1GC", "ParallelGC", "SerialGC", "ZGC", "ShenandoahGC");
  /**
   * The collector of every bench JVM, G1 (what a server JVM picks by itself) unless the orchestrator
   * runs with {@code -Dduplex.bench.gc=ParallelGC} (or another of {@link #COLLECTORS}): servers and
   * ceilings then run on the same one, so a figure's cost of the collector shows side by side.
   */
  static final String GC = gcOption(System.getProperty("duplex.bench.gc", "G1GC"));
  static final List<String> JVM_OPTIONS = List.of("-Xmx4g", GC, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
  private static final int OPEN_FILES = 65_536;

  private final String java;
  private final String classpath;
  private final boolean taskset;
  private final Path logs;

  Launcher(Path logs) throws IOException {
    this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    this.classpath = System.getProperty("java.class.path");
    this.taskset = onPath("taskset");
    this.logs = logs;
    Files.createDirectories(logs);
  }

  /**
   * {@code -XX:+Use<name>}; a name the JVM would refuse fails here, before any JVM starts, instead
   * of as a server that never says READY.
   */
  static String gcOption(String name) {
    if (!COLLECTORS.contains(name)) {
      throw new IllegalArgumentException(
          "-Dduplex.bench.gc=" + name + " is not a collector; use one of " + String.join(", ", COLLECTORS));
    }
    return "-XX:+Use" + name;
  }

  boolean pinned() {
    return taskset;
  }

  /** A running JVM whose every output line goes to its log and to {@code lines}. */
  Running start(String name, int cpu, List<String> mainArgs, Consumer<String> lines) throws IOException {
    return start(name, cpu, List.of(), mainArgs, lines);
  }

  /** Like {@link #start(String, int, List, Consumer)}; {@code jvmOptions} come last, so they win. */
  Running start(String name, int cpu, List<String> jvmOptions, List<String> mainArgs, Consumer<String> lines)
      throws IOException {
    List<String> jvm = new ArrayList<>();
    jvm.add(java);
    jvm.addAll(JVM_OPTIONS);
    String socketThreads = System.getProperty("duplex.bench.socketThreads");
    if (socketThreads != null) {
      // The websocket load client's loop threads (SocketLoop), set on the orchestrator's command line.
      jvm.add("-Dduplex.bench.socketThreads=" + socketThreads);
    }
    jvm.addAll(jvmOptions);
    jvm.add("-cp");
    jvm.add(classpath);
    jvm.add(mainArgs.get(0));
    jvm.addAll(mainArgs.subList(1, mainArgs.size()));
    return start(name, cpu, jvm, lines, true);
  }

  /** Any command, pinned to {@code cpu} (negative: not pinned). */
  Running start(String name, int cpu, List<String> command, Consumer<String> lines, boolean raiseOpenFiles)
      throws IOException {
    List<String> full = new ArrayList<>();
    if (raiseOpenFiles) {
      // A child cannot raise its own hard limit once Java runs; the shell does it before exec.
      full.addAll(List.of("sh", "-c",
          "ulimit -n " + OPEN_FILES + " 2>/dev/null || ulimit -n $(ulimit -Hn) 2>/dev/null; exec \"$@\"", "sh"));
    }
    if (taskset && cpu >= 0) {
      full.addAll(List.of("taskset", "-c", Integer.toString(cpu)));
    }
    full.addAll(command);
    Path log = logs.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
    Process process = builder.start();
    PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true);
    out.println("# " + String.join(" ", full));
    Thread pump = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          out.println(line);
          lines.accept(line);
        }
      } catch (IOException e) {
        out.println("# output lost: " + e);
      } finally {
        out.close();
      }
    }, name + "-output");
    pump.setDaemon(true);
    pump.start();
    return new Running(name, process, pump, log);
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  record Running(String name, Process process, Thread pump, Path log) {
    /** Waits up to {@code seconds}; then kills it. Returns the exit code (-1 when killed). */
    int await(long seconds) throws InterruptedException {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        stop();
        return -1;
      }
      pump.join(5_000);
      return process.exitValue();
    }

    /** Closes its standard input (bench servers stop on EOF), then kills it if it lingers. */
    void stop() throws InterruptedException {
      try {
        process.getOutputStream().close();
      } catch (IOException e) {
        // already gone
      }
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      pump.join(5_000);
    }
  }
}

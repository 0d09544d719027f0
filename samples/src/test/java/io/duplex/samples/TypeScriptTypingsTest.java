package io.duplex.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.Duplex;
import io.duplex.Typings;
import io.duplex.samples.callcenter.CallCenterPage;
import io.duplex.samples.chat.ChatPage;
import io.duplex.samples.rater.RaterPage;
import io.duplex.samples.ticker.TickerPage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the real TypeScript compiler (samples/package.json, installed by the build's {@code npm ci})
 * over TypeScript that uses the typings generated from the demos' services and page interfaces: a
 * correct sample must compile, a wrong one must fail with the expected errors.
 */
class TypeScriptTypingsTest {
  private static final Path SOURCES = Path.of("src/test/typescript");
  private static final Path TYPES = Path.of("target/typescript/types");
  private static final Path TSC = Path.of("node_modules/typescript/bin/tsc");

  @BeforeAll
  static void generate() throws IOException {
    assertTrue(Files.isRegularFile(TSC), TSC + " is missing: the build runs npm ci in samples/ first");
    try (Duplex duplex = new Demos().configure(Duplex.builder()).build()) {
      Typings.write(duplex, List.of(ChatPage.class, RaterPage.class, CallCenterPage.class, TickerPage.class), TYPES);
    }
  }

  @Test
  void correctUseCompilesAndEachWrongLineFailsWithItsError() throws Exception {
    // One compiler run for both samples: a run costs seconds (the compiler starts and reads its libs).
    Result result = tsc(SOURCES.resolve("browser.d.ts"), SOURCES.resolve("good.ts"), SOURCES.resolve("bad.ts"));
    assertEquals(2, result.exit, result.output);
    List<String> errors = result.output.lines().filter(l -> l.contains("error TS")).toList();
    assertEquals(List.of(), errors.stream().filter(l -> !l.startsWith(SOURCES.resolve("bad.ts").toString())).toList(),
        "the correct sample and the typings themselves compile");
    List<String> expected = new ArrayList<>();
    List<String> lines = Files.readAllLines(SOURCES.resolve("bad.ts"));
    for (int i = 0; i < lines.size(); i++) {
      int at = lines.get(i).indexOf("// expect ");
      if (at >= 0) {
        expected.add("bad.ts(" + (i + 1) + ",... " + lines.get(i).substring(at + "// expect ".length()).trim());
      }
    }
    List<String> actual =
        errors.stream()
            .map(l -> l.replaceFirst("^.*bad\\.ts\\((\\d+),\\d+\\): error (TS\\d+):.*$", "bad.ts($1,... $2"))
            .distinct()
            .toList();
    assertEquals(expected, actual, result.output);
  }

  private record Result(int exit, String output) {}

  private static Result tsc(Path... samples) throws Exception {
    List<String> command = new ArrayList<>(List.of("node", TSC.toString(), "--noEmit", "--strict", "--pretty", "false",
        "--target", "es2020", "--lib", "es2020"));
    try (Stream<Path> files = Files.list(TYPES)) {
      files.filter(f -> f.toString().endsWith(".d.ts")).sorted().forEach(f -> command.add(f.toString()));
    }
    for (Path sample : samples) {
      command.add(sample.toString());
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "tsc did not finish");
    return new Result(process.exitValue(), output);
  }
}

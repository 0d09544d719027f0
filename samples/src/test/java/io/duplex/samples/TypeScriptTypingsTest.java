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
  void correctUseCompiles() throws Exception {
    Result result = tsc(SOURCES.resolve("good.ts"));
    assertEquals(0, result.exit, result.output);
  }

  @Test
  void wrongUseFailsWithTheExpectedErrors() throws Exception {
    Result result = tsc(SOURCES.resolve("bad.ts"));
    assertEquals(2, result.exit, result.output);
    List<String> expected = new ArrayList<>();
    for (String line : Files.readAllLines(SOURCES.resolve("bad.ts"))) {
      int at = line.indexOf("// expect ");
      if (at >= 0) {
        expected.add(line.substring(at + "// expect ".length()).trim());
      }
    }
    List<String> errors = result.output.lines().filter(l -> l.contains("error TS")).toList();
    for (String code : expected) {
      assertTrue(errors.stream().anyMatch(l -> l.contains(code)), "no " + code + " in:\n" + result.output);
    }
    assertEquals(expected.size(), errors.size(), "one error per marked line:\n" + result.output);
  }

  private record Result(int exit, String output) {}

  private static Result tsc(Path sample) throws Exception {
    List<String> command = new ArrayList<>(List.of("node", TSC.toString(), "--noEmit", "--strict", "--pretty", "false",
        "--target", "es2020", "--lib", "es2020,dom"));
    try (Stream<Path> files = Files.list(TYPES)) {
      files.filter(f -> f.toString().endsWith(".d.ts")).sorted().forEach(f -> command.add(f.toString()));
    }
    command.add(sample.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "tsc did not finish");
    return new Result(process.exitValue(), output);
  }
}
